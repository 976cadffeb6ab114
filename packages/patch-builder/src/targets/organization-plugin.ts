import type { Import, Replace } from "../edits";

/** Where a release keeps each part of the organization plugin (1.4.0–1.4.6 bundle them into one chunk). */
export interface OrganizationPluginFiles {
	call: string;
	adapter: string;
	errorCodes: string;
	hasPermission: string;
	invites: string;
	members: string;
	org: string;
	team: string;
	accessControl: string;
	/** The zod schemas of the plugin's models (updateTeam's `data` comes from here). */
	schema: string;
	/** The .d.mts that declares getActiveMember. */
	membersTypes: string;
	/** The access-control module whose role.authorize every permission check calls. */
	roleAuthorize: string;
	/** The plugin's own object. */
	plugin: string;
	/** hasPermission, which every endpoint's permission check and the has-permission endpoint call. */
	permissionCheck: string;
	/** hasPermissionFn, which looks each of the member's roles up among the roles. */
	roleCheck: string;
	/** better-auth's router, whose onRequest sees every request first. */
	router: string;
}

/** How a release throws an error code: 1.4.x `new APIError(s, { message })`, 1.5+ `APIError.from(s, code)`. */
export type ErrorStyle = "message" | "from";

const thrown = (style: ErrorStyle, status: string, code: string) =>
	style === "message"
		? `new APIError("${status}", { message: ORGANIZATION_ERROR_CODES.${code} })`
		: `APIError.from("${status}", ORGANIZATION_ERROR_CODES.${code})`;

const ORG_PLUGIN = "org-plugin";

/** Never an organization's id (generated ids have no spaces): what a slug that names nothing is looked up as. */
const NO_ORGANIZATION_ID = "no organization has this slug";

/** What upstream does for a non-member of an existing organization, for a missing one too. */
const refuseAsOutsider = (error: string) =>
	`{\n\t\tawait adapter.setActiveOrganization(session.session.token, null, ctx);\n\t\tthrow ${error};\n\t}`;

/**
 * Where `slug` (a pattern) is looked up, a slug naming nothing becomes NO_ORGANIZATION_ID instead of
 * a 400, and so does one naming another organization than a bound key's (renamed since its hook's check).
 */
function slugNamingNothingEdit(file: string, slug: string, notFound: string, count: number): Replace {
	return {
		file,
		find: new RegExp(
			`(findOrganizationBySlug\\(${slug}\\);)\\n\\t+if \\(!(organization(?:\\$\\d)?)\\) throw ${escapeRegExp(notFound)};\\n(\\t+)organizationId = \\2\\.id;`,
			"g",
		),
		replace: `$1\n$3organizationId = organizationOfSlugWithinBinding(ctx.context.session, $2)?.id ?? "${NO_ORGANIZATION_ID}";`,
		count,
	};
}

/** The call-site edits every release's organization plugin gets. */
export function organizationPluginEdits(files: OrganizationPluginFiles, style: ErrorStyle) {
	const routeFiles = [
		...new Set([files.org, files.members, files.invites, files.team, files.accessControl, files.schema]),
	];
	const imports: Import[] = [
		{ file: files.call, names: ["applyApiKeyOrganizationContext", "refuseDeepOrganizationMetadata"], from: ORG_PLUGIN },
		{ file: files.adapter, names: ["skipsSessionWrites"], from: ORG_PLUGIN },
		{ file: files.errorCodes, names: ["API_KEY_ORGANIZATION_ERROR_CODES"], from: ORG_PLUGIN },
		{ file: files.invites, names: ["isApiKeySession"], from: ORG_PLUGIN },
		{ file: files.hasPermission, names: ["findMembership"], from: ORG_PLUGIN },
		{ file: files.members, names: ["validateMemberListQuery"], from: ORG_PLUGIN },
		{ file: files.org, names: ["requireFieldsToUpdate"], from: ORG_PLUGIN },
		// one line per file, so that a release whose members and org routes share a chunk imports it once
		...[files.members, files.org].map((file) => ({ file, names: ["organizationOfSlugWithinBinding"], from: ORG_PLUGIN })),
		{ file: files.plugin, names: ["exposePermissionCheck"], from: ORG_PLUGIN },
		{ file: files.permissionCheck, names: ["keyPermitsRequest"], from: ORG_PLUGIN },
		...routeFiles.map((file) => ({ file, names: ["organizationIdSchema"], from: ORG_PLUGIN })),
	];
	const notFound = thrown(style, "BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
	const notMember = thrown(style, "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION");
	const replaces: Replace[] = [
		{
			file: files.call,
			find: "const orgMiddleware = createAuthMiddleware(async () => {\n",
			// Every caller: createOrganization and updateOrganization use this middleware.
			replace: "const orgMiddleware = createAuthMiddleware(async (ctx) => {\n\trefuseDeepOrganizationMetadata(ctx);\n\tawait applyApiKeyOrganizationContext(ctx);\n",
		},
		{
			file: files.call,
			find: "createAuthMiddleware({ use: [sessionMiddleware] }, async (ctx) => {\n",
			replace: "createAuthMiddleware({ use: [sessionMiddleware] }, async (ctx) => {\n\tawait applyApiKeyOrganizationContext(ctx);\n",
		},
		{
			file: files.adapter,
			find: /(setActive(?:Organization|Team): async \(sessionToken, (?:organizationId|teamId), ctx\) => \{\n)/,
			replace: "$1\t\t\tif (skipsSessionWrites(ctx)) return null;\n",
			count: 2,
		},
		{
			file: files.errorCodes,
			find: "const ORGANIZATION_ERROR_CODES = defineErrorCodes({\n",
			replace: "const ORGANIZATION_ERROR_CODES = defineErrorCodes({\n\t...API_KEY_ORGANIZATION_ERROR_CODES,\n",
		},
		// A key's own permissions cap its role, and what it may give: the check every endpoint's permission check makes first.
		{
			file: files.permissionCheck,
			find: "const hasPermission = async (input, ctx) => {\n",
			replace: "const hasPermission = async (input, ctx) => {\n\tif (!(await keyPermitsRequest(ctx, input))) return false;\n",
		},
		// The api-key plugin checks the permissions a client sets on a key with the organization's own hasPermission.
		{ file: files.plugin, find: 'id: "organization",\n', replace: 'id: "organization",\n\t\t...exposePermissionCheck(hasPermission),\n' },
		// acceptInvitation: an API-key session has no session row to set the team on.
		{ file: files.invites, find: "if (onlyOne) {", replace: "if (onlyOne && !isApiKeySession(session)) {" },
		// A missing organization answers like someone else's, so ids cannot be probed: the same
		// 403, and the same reset of the caller's active organization (a write a probe could see).
		{
			file: files.org,
			find: new RegExp(
				`(adapter\\.findFullOrganization\\(\\{[^}]*\\}\\);\\n\\tif \\(!organization(?:\\$1)?\\) )throw ${escapeRegExp(notFound)};`,
			),
			replace: `$1${refuseAsOutsider(notMember)}`,
		},
		{
			file: files.members,
			find: /("\/organization\/get-active-member", \{\n\tmethod: "GET",\n)/,
			replace: "$1\tquery: z.object({ organizationId: organizationIdSchema(z).optional() }).optional(),\n",
		},
		// A slug that names no organization goes on to the membership read with an id no organization
		// has, so it answers like someone else's, with the same statements: listMembers and
		// getActiveMemberRole (a query slug); setActiveOrganization (a body slug), whose 403 also
		// clears the active organization, as for someone else's.
		slugNamingNothingEdit(files.members, "ctx\\.query\\?\\.organizationSlug", notFound, 2),
		slugNamingNothingEdit(files.org, "organizationSlug", notFound, 1),
		// hasPermission needs the member's role only: upstream's lookup joined the user, a
		// second read of the row the session already holds (one statement less per call).
		{
			file: files.hasPermission,
			find: /getOrgAdapter\(ctx\.context, options\)\.findMemberByOrgId\(\{\s*userId: ctx\.context\.session\.user\.id,\s*organizationId: activeOrganizationId\s*\}\)/,
			replace: "findMembership(ctx, ctx.context.session.user.id, activeOrganizationId)",
		},
		// Upstream 500s on bad input, every caller: checked before the query that fails.
		{
			file: files.members,
			find: "const { members, total } = await adapter.listMembers({",
			replace: "validateMemberListQuery(ctx);\n\tconst { members, total } = await adapter.listMembers({",
		},
		{
			file: files.org,
			find: "const updatedOrg = await adapter.updateOrganization(organizationId, ctx.body.data);",
			replace: "requireFieldsToUpdate(ctx.body.data);\n\t\tconst updatedOrg = await adapter.updateOrganization(organizationId, ctx.body.data);",
		},
		// Explicit, else active, as listMembers and getActiveMemberRole resolve it, for every caller.
		{
			file: files.members,
			find: "const organizationId = session.session.activeOrganizationId;",
			replace: "const organizationId = ctx.query?.organizationId || session.session.activeOrganizationId;",
		},
		{
			file: files.membersTypes,
			find: /(StrictEndpoint<"\/organization\/get-active-member", \{\n {2}method: "GET";\n)/,
			replace:
				'$1  query: import("zod").ZodOptional<import("zod").ZodObject<{\n    organizationId: import("zod").ZodOptional<import("zod").ZodString>;\n  }, import("zod/v4/core").$strip>>;\n',
		},
		...routeFiles.map((file) => ({
			file,
			find: /(organization(?:Id|Slug)): z\.string\(\)/g,
			replace: "$1: organizationIdSchema(z)",
			count: "some" as const,
		})),
	];
	return { imports, replaces };
}

/** Up to 1.6.15: createInvitation took a team of another organization, and accepting the invitation put the invitee in it (1.6.16 refuses it). */
export function invitedTeamEdits(files: OrganizationPluginFiles) {
	const imports: Import[] = [{ file: files.invites, names: ["requireTeamsOfOrganization"], from: ORG_PLUGIN }];
	const replaces: Replace[] = [
		{
			file: files.invites,
			find: /(\n(\t+)if \(\(await adapter\.findPendingInvitations\(\{ organizationId \}\)\)\.length >= invitationLimit\) throw [^\n]+)/,
			replace: "$1\n$2if (ctx.context.orgOptions.teams?.enabled && ctx.body.teamId) await requireTeamsOfOrganization(adapter, ctx.body.teamId, organizationId);",
		},
	];
	return { imports, replaces };
}

/**
 * Every release, every caller: no 500 and no oracle on the inputs an outsider
 * controls. A resource named after an Object.prototype member (`constructor`)
 * made role.authorize call a function's `includes`; getFullOrganization loaded
 * the whole organization before checking membership (a non-member's answer for a
 * large organization took measurably longer than for a missing one), and a
 * member id of another organization answered differently from a missing one.
 */
export function outsiderEdits(files: OrganizationPluginFiles, style: ErrorStyle) {
	const imports: Import[] = [{ file: files.org, names: ["membersLimitOf", "membershipOfNamedOrganization"], from: ORG_PLUGIN }];
	const memberNotFound = thrown(style, "BAD_REQUEST", "MEMBER_NOT_FOUND");
	const replaces: Replace[] = [
		{
			// A role named after an Object.prototype member (`toString`, which 1.4.x lets a member be given) found
			// the function, whose missing authorize was then called.
			file: files.roleCheck,
			find: "if ((acRoles[role]?.authorize(",
			replace: "if (((Object.hasOwn(acRoles, role) ? acRoles[role] : void 0)?.authorize(",
		},
		{
			file: files.roleAuthorize,
			find: "const allowedActions = statements[requestedResource];",
			replace: "const allowedActions = Object.hasOwn(statements, requestedResource) ? statements[requestedResource] : void 0;",
		},
		{ file: files.org, find: "membersLimit: ctx.query?.membersLimit", replace: "membersLimit: membersLimitOf(ctx.query)" },
		{
			// The membership read moves before the load, and the load reuses it: no statement more for a member by
			// id. The load is by the member row's organization: a second slug lookup could find another by then.
			file: files.org,
			find: /(\tconst (organization(?:\$1)?) = await adapter\.findFullOrganization\(\{\n)\t\torganizationId,\n\t\tisSlug: !!ctx\.query\?\.organizationSlug,\n([^]*?)await adapter\.checkMembership\(\{\s*userId: session\.user\.id,\s*organizationId: \2\.id\s*\}\)/,
			replace: `\tconst membership = await membershipOfNamedOrganization(adapter, session, organizationId, !!ctx.query?.organizationSlug);\n\tif (!membership) ${refuseAsOutsider(thrown(style, "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"))}\n$1\t\torganizationId: membership.organizationId,\n\t\tisSlug: false,\n$3membership`,
		},
		{
			file: files.members,
			find: `if (!toBeRemovedMember) throw ${memberNotFound};`,
			replace: `if (!toBeRemovedMember || toBeRemovedMember.organizationId !== organizationId) throw ${memberNotFound};`,
		},
		{
			file: files.members,
			find: `if (!(toBeUpdatedMember.organizationId === organizationId)) throw ${thrown(style, "FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER")};`,
			replace: `if (!(toBeUpdatedMember.organizationId === organizationId)) throw ${memberNotFound};`,
		},
	];
	return { imports, replaces };
}

/**
 * Every release: acceptInvitation claims the invitation in one UPDATE … RETURNING
 * while it is pending. Up to 1.6.16 it marked it accepted whatever its status, so
 * concurrent acceptances each created a member, also inside 1.5's transaction on
 * PostgreSQL; 1.6.17's `fromStatus` still let two of 16 through on 1.6.34.
 */
export function invitationClaimEdits(files: OrganizationPluginFiles) {
	const imports: Import[] = [{ file: files.invites, names: ["claimPendingInvitation"], from: ORG_PLUGIN }];
	const replaces: Replace[] = [
		{
			file: files.invites,
			find: /const acceptedI = await adapter\.updateInvitation\(\{\s*invitationId: ctx\.body\.invitationId,\s*status: "accepted"(?:,\s*fromStatus: "pending")?\s*\}\);/,
			replace: "const acceptedI = await claimPendingInvitation(ctx, ctx.body.invitationId);",
		},
	];
	return { imports, replaces };
}

/** Up to 1.5.5: addTeamMember and removeTeamMember take no organizationId (1.5.6 added it), so an API key could not name one. */
export function teamMemberBodyEdits(files: OrganizationPluginFiles) {
	const replaces: Replace[] = [
		{
			file: files.team,
			find: /(teamId: z\.string\(\)\.meta\(\{ description: "The team the user should be (?:a member of|removed from)\." \}\),)/g,
			replace: "organizationId: organizationIdSchema(z).optional(), $1",
			count: 2,
		},
	];
	return { imports: [], replaces };
}

/**
 * hasPermission's body. Up to 1.6.2 it is an intersection with a union of objects
 * with `z.undefined()` keys, which rejects every body from zod 4.4 on: replaced.
 * From 1.6.3 (`z.xor`) it is valid on every zod 4: only its organizationId gets the bound.
 */
export function hasPermissionBodyEdits(files: OrganizationPluginFiles, rejectsEveryBody: boolean) {
	const replaces: Replace[] = [
		rejectsEveryBody
			? {
					file: files.hasPermission,
					find: /z\.object\(\{ organizationId: z\.string\(\)\.optional\(\) \}\)\.and\(z\.union\(\[z\.object\(\{\s*permission: z\.record\(z\.string\(\), z\.array\(z\.string\(\)\)\),\s*permissions: z\.undefined\(\)\s*\}\), z\.object\(\{\s*permission: z\.undefined\(\),\s*permissions: z\.record\(z\.string\(\), z\.array\(z\.string\(\)\)\)\s*\}\)\]\)\)/,
					replace: "hasPermissionBodySchema(z)",
				}
			: {
					file: files.hasPermission,
					find: "const createHasPermissionBodySchema = z.object({ organizationId: z.string().optional() })",
					replace: "const createHasPermissionBodySchema = z.object({ organizationId: organizationIdSchema(z).optional() })",
				},
	];
	const name = rejectsEveryBody ? "hasPermissionBodySchema" : "organizationIdSchema";
	return { imports: [{ file: files.hasPermission, names: [name], from: ORG_PLUGIN }], replaces };
}

/**
 * 1.7+: getOrganization (new in 1.7.0) told a missing organization from someone else's, by answer and by
 * statements; by slug, it served a bound key whatever organization held the slug by then.
 */
export function organizationPlugin17Edits(files: OrganizationPluginFiles) {
	const replaces: Replace[] = [
		{
			file: files.org,
			find: "const organization = ctx.query?.organizationSlug ? await adapter.findOrganizationBySlug(organizationId) :",
			replace: "const organization = ctx.query?.organizationSlug ? organizationOfSlugWithinBinding(session, await adapter.findOrganizationBySlug(organizationId)) :",
		},
		{
			file: files.org,
			find: `: await adapter.findOrganizationById(organizationId);\n\tif (!organization) throw ${thrown("from", "BAD_REQUEST", "ORGANIZATION_NOT_FOUND")};`,
			// The membership read a non-member of an existing organization costs, so both take the same statements.
			replace: `: await adapter.findOrganizationById(organizationId);\n\tif (!organization) {\n\t\tawait adapter.checkMembership({ userId: session.user.id, organizationId });\n\t\tawait adapter.setActiveOrganization(session.session.token, null, ctx);\n\t\tthrow ${thrown("from", "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION")};\n\t}`,
		},
	];
	return { imports: [], replaces };
}

/** Up to 1.6.15 (better-call up to 1.3.5): a JSON body that does not parse was a 500 for every caller. */
export function invalidJsonBodyEdits(files: OrganizationPluginFiles) {
	const imports: Import[] = [{ file: files.router, names: ["answerInvalidJsonWith400"], from: ORG_PLUGIN }];
	const replaces: Replace[] = [{ file: files.router, find: "async onRequest(req) {", replace: "async onRequest(req) {\n\t\t\tanswerInvalidJsonWith400(req);" }];
	return { imports, replaces };
}

function escapeRegExp(text: string) {
	return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

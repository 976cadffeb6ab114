import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthMiddleware } from "better-auth/api";
import {
	applyApiKeyOrganizationContext,
	findMembership,
	findOrganizationIdBySlug,
	BOUND_ORGANIZATION_FIELDS,
	isApiKeySession,
	markApiKeySession,
	ORGANIZATION_ENDPOINTS,
	pathsServedBy,
	requireTeamsOfOrganization,
	resolveNamedOrganization,
	USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION,
} from "better-auth-org-context/plugin";
import { applyKeyBinding, bindCreatedKey, type BoundKeyContext, type BoundKeyOptions, checkBindingBeforeCreate } from "./bound-keys";

interface RequestSession {
	session: { token?: unknown; activeOrganizationId?: string | null } & Record<string, unknown>;
	user: { id: string } & Record<string, unknown>;
}

/**
 * The session the api-key plugin mocked for this request, however the key was read
 * (`x-api-key`, the app's `apiKeyHeaders`, a `customAPIKeyGetter` reading a bearer
 * header or the query). Before the endpoint runs, a session is there only when an
 * earlier hook put it there: a cookie session is read later, by the endpoint's own
 * session middleware. Should another hook have read it early, it is still no key's:
 * its token is the request's session cookie's, or a stored session's. The mock has
 * neither: its token is the key, its id the key's id (one read, by token, database
 * or secondary storage alike).
 */
async function mockedForThisRequest(ctx: HookContext, session: unknown): Promise<boolean> {
	const token = (session as RequestSession | null)?.session?.token;
	if (typeof token !== "string") return false;
	const { authCookies, secret, internalAdapter } = ctx.context;
	if ((await ctx.getSignedCookie(authCookies.sessionToken.name, secret)) === token) return false;
	return !(await internalAdapter.findSession(token));
}

/**
 * Where upstream's endpoint looks the organization up before the caller's member
 * row, it tells a missing organization from someone else's (400 not found, 403 not
 * a member): there the plugin reads the member row first and answers a non-member
 * of either as the patch does. Every other endpoint's own member lookup already
 * answers both alike, with upstream's code, and stays the check.
 */
const NON_MEMBER_REFUSALS: Record<string, { code: string; message: string }> = {
	"/organization/get-full-organization": { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", message: USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION },
	"/organization/get-organization": { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", message: USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION },
	"/organization/list-members": { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", message: "You are not a member of this organization" },
	"/organization/get-active-member-role": { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", message: "You are not a member of this organization" },
};

/**
 * One indexed read of the key's user's member row in the organization the request
 * names, by id or by slug. A slug that names nothing is read as an id, as the
 * patch's getFullOrganization does, so that it costs the reads someone else's does.
 */
async function refuseNonMembers(ctx: Parameters<typeof applyApiKeyOrganizationContext>[0], session: RequestSession) {
	const refusal = NON_MEMBER_REFUSALS[ctx.path ?? ""];
	if (!refusal) return;
	const named = resolveNamedOrganization(ctx, ctx.path as string, ORGANIZATION_ENDPOINTS[ctx.path as string]);
	const organizationId = named.slug ? ((await findOrganizationIdBySlug(ctx, named.slug)) ?? named.slug) : session.session.activeOrganizationId;
	if (organizationId && !(await findMembership(ctx, session.user.id, organizationId))) throw new APIError("FORBIDDEN", refusal);
}

type HookContext = Parameters<typeof applyApiKeyOrganizationContext>[0] & {
	context: {
		options: { plugins?: { id: string; options?: { teams?: { enabled?: boolean } } }[] };
		internalAdapter: { findSession: (token: string) => Promise<unknown> };
		authCookies: { sessionToken: { name: string } };
		secret: string;
	};
	getSignedCookie: (name: string, secret: string) => Promise<string | null | false>;
};

const isTeamIds = (value: unknown): value is string | string[] =>
	typeof value === "string" || (Array.isArray(value) && value.every((id) => typeof id === "string"));

/**
 * Up to 1.6.15 createInvitation does not check that the invited team is the
 * organization's, so the invitee would join another organization's team: the
 * patch's check, for a key's request by a member (from 1.6.16 on the endpoint checks again).
 * Any other teamId is the endpoint's validation's to refuse.
 */
async function refuseTeamsOfOtherOrganizations(ctx: HookContext, session: RequestSession) {
	const teamId = (ctx.body as { teamId?: unknown } | undefined)?.teamId;
	const teams = ctx.context.options.plugins?.find((plugin) => plugin.id === "organization")?.options?.teams;
	const organizationId = session.session.activeOrganizationId;
	if (ctx.path !== "/organization/invite-member" || !organizationId || !teams?.enabled || !isTeamIds(teamId)) return;
	// A non-member is the endpoint's to refuse, alike for someone else's organization and a missing one.
	if (!(await findMembership(ctx, session.user.id, organizationId))) return;
	const findTeamById = (query: { teamId: string; organizationId: string }) =>
		ctx.context.adapter.findOne({
			model: "team",
			where: [
				{ field: "id", value: query.teamId },
				{ field: "organizationId", value: query.organizationId },
			],
		});
	await requireTeamsOfOrganization({ findTeamById }, teamId, organizationId);
}

const PLUGIN_ORDER = "apiKeyOrganizations() must come after apiKey(...) in plugins: its hooks read the session the api-key plugin's hook mocks";

interface PluginWithSchema {
	id: string;
	schema?: { apikey?: { fields?: Record<string, unknown> } };
}

/**
 * With the patch set applied, the api-key plugin declares `apikey.organizationId`
 * itself and binds keys inside createApiKey: the plugin's create hooks step aside
 * (its request hook does already, by the session the patched plugin marks).
 */
const apiKeyPluginBindsKeys = (ctx: { context: { options: { plugins?: unknown[] } } }) =>
	(ctx.context.options.plugins as PluginWithSchema[] | undefined)?.some((plugin) => plugin.id === "api-key" && !!plugin.schema?.apikey?.fields?.organizationId) === true;

export interface ApiKeyOrganizationsOptions {
	/**
	 * Keys bound to one organization (`createApiKey({ organizationId })`). Off by default: it adds the
	 * api-key table's `organizationId` column (run the migrations) and reads each key's row on every
	 * request by a key. Turned off again, a bound key acts as its user's key in every organization.
	 */
	boundKeys?: boolean | BoundKeyOptions;
}

const byOrganizationPath = (ctx: { path?: string }) => ctx.path?.startsWith("/organization/") === true;
const byCreateKeyPath = (ctx: { path?: string }) => ctx.path === "/api-key/create";

/**
 * createApiKey with `boundKeys`: the membership check before the endpoint writes, after the
 * request hook (which marks a bound key's session: a key it creates is bound to the same
 * organization), and the binding written after it.
 */
const bindingHooks = {
	before: {
		matcher: byCreateKeyPath,
		handler: createAuthMiddleware(async (ctx) => {
			if (apiKeyPluginBindsKeys(ctx)) return;
			const handedOn = await checkBindingBeforeCreate(ctx as unknown as BoundKeyContext);
			if (handedOn) return { context: handedOn };
		}),
	},
	after: {
		matcher: byCreateKeyPath,
		handler: createAuthMiddleware(async (ctx) => (apiKeyPluginBindsKeys(ctx) ? undefined : bindCreatedKey(ctx as unknown as BoundKeyContext))),
	},
};

/**
 * The organization plugin's fix for API-key sessions (better-auth #6307), through
 * better-auth's public hooks, on releases as published. Add it after `apiKey(...)`:
 * its hook runs after the one that mocks the session. For a request authenticated
 * with an API key, the organization the request names becomes the session's active
 * organization for that request, where the endpoint's own member lookup checks it;
 * setActiveOrganization and setActiveTeam answer a 400 (the mock session has no row
 * to store them in); an endpoint that needs an organization and gets none answers
 * NO_ACTIVE_ORGANIZATION. With `boundKeys`, keys bound to one organization, whose reach
 * is an allowlist: the request hook then runs on every path. Cookie sessions are not
 * touched. With the patch set applied, the patched plugins mark the session they mock
 * and do all this themselves, so this plugin steps aside.
 */
export const apiKeyOrganizations = (options: ApiKeyOrganizationsOptions = {}) => {
	const boundKeys = options.boundKeys === true ? {} : options.boundKeys || null;
	return {
		id: "api-key-organizations",
		// The api-key table's organizationId: better-auth merges a plugin's fields into the model of the same name.
		...(boundKeys && { schema: { apikey: { fields: BOUND_ORGANIZATION_FIELDS } } }),
		// Listed before apiKey(...), its hooks would run before the session is mocked and act on no key's request: refused at start.
		init: (context: { options: { plugins?: { id: string }[] } }) => {
			const ids = (context.options.plugins ?? []).map((plugin) => plugin.id);
			if (ids.lastIndexOf("api-key") > ids.indexOf("api-key-organizations")) throw new Error(PLUGIN_ORDER);
		},
		hooks: {
			before: [
				{
					matcher: boundKeys ? () => true : byOrganizationPath,
					handler: createAuthMiddleware(async (ctx) => {
						const session: unknown = ctx.context.session;
						if (isApiKeySession(session) || !(await mockedForThisRequest(ctx as HookContext, session))) return;
						const keySession = session as RequestSession;
						let handedOn: Awaited<ReturnType<typeof applyKeyBinding>>;
						if (boundKeys) handedOn = await applyKeyBinding(ctx as unknown as BoundKeyContext, keySession, boundKeys);
						else markApiKeySession(keySession, { boundOrganizationId: null, keyPermissions: null });
						// The organization plugin's own endpoints: an app's endpoint under /organization/ is an app path.
						if (pathsServedBy(ctx.context.options.plugins, ["organization"]).has(ctx.path ?? "")) {
							await applyApiKeyOrganizationContext(ctx);
							await refuseNonMembers(ctx, keySession);
							await refuseTeamsOfOtherOrganizations(ctx as HookContext, keySession);
						}
						if (handedOn) return { context: handedOn };
					}),
				},
				...(boundKeys ? [bindingHooks.before] : []),
			],
			after: boundKeys ? [bindingHooks.after] : [],
		},
	} satisfies BetterAuthPlugin;
};

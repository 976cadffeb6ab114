import { APIError } from "better-auth/api";
import { defaultRoles } from "better-auth/plugins/organization/access";
import type { KeyPermissions } from "./api-key-session";
import { isWithin, parseKeyPermissions } from "./statements";

/**
 * A key whose permissions cap its role hands out no more than it holds: the
 * endpoints that give someone a role, and the roles each gives. A role
 * given is everything it grants, so `member: ["update"]` alone cannot make
 * someone an owner, who could then do what the key cannot.
 */
const ROLE_GIVING_ENDPOINTS: Record<string, (ctx: DelegationContext, organizationId: string, body: Record<string, unknown>) => Promise<unknown[]>> = {
	"/organization/update-member-role": async (_ctx, _organizationId, body) => [body.role],
	// resend: true extends and re-sends the invitation already pending for the e-mail, with the role it was made with.
	"/organization/invite-member": async (ctx, organizationId, body) =>
		body.resend === true ? [body.role, ...(await pendingInvitationRoles(ctx, organizationId, body.email))] : [body.role],
};

interface RoleStatements {
	statements: Record<string, readonly string[]>;
}

export interface DelegationInput {
	organizationId?: string;
	options?: { roles?: Record<string, RoleStatements>; dynamicAccessControl?: { enabled?: boolean } };
}

export interface DelegationContext {
	path?: string;
	body?: unknown;
	context: {
		session?: unknown;
		adapter: {
			findOne<T>(query: { model: string; where: { field: string; value: string }[] }): Promise<T | null>;
			findMany<T>(query: { model: string; where: { field: string; value: string }[] }): Promise<T[]>;
		};
	};
}

/**
 * Upstream's answer to a role that names none (1.5+; 1.4.x's updateMemberRole
 * stored any name): a key gives only a role whose grants it can show are its own.
 */
const roleNotFound = () => new APIError("BAD_REQUEST", { code: "ROLE_NOT_FOUND", message: "Role not found" });

/**
 * Each role named by `values`, each `"admin,ops"` or `["admin", "ops"]`, split
 * as upstream splits them. A name with space around it, or an empty entry, is
 * no role: 1.5+ trims and drops them, 1.4.x stores them as given (a role that
 * then grants nothing), so a key names each role exactly (roleNotFound).
 */
function rolesNamed(values: unknown[]): string[] {
	const roles = values.flat().flatMap((role) => (typeof role === "string" ? role.split(",") : []));
	if (roles.some((role) => role === "" || role !== role.trim())) throw roleNotFound();
	return roles;
}

/** The roles of the invitations pending for `email` in the organization, as createInvitation finds them (lower-cased). */
async function pendingInvitationRoles(ctx: DelegationContext, organizationId: string, email: unknown): Promise<string[]> {
	if (typeof email !== "string") return [];
	const invitations = await ctx.context.adapter.findMany<{ role: string }>({
		model: "invitation",
		where: [
			{ field: "organizationId", value: organizationId },
			{ field: "email", value: email.toLowerCase() },
			{ field: "status", value: "pending" },
		],
	});
	return invitations.map((invitation) => invitation.role);
}

/** What a role grants in the organization: the built-in role's statements and, with dynamic access control, its stored ones. */
async function grantsOf(ctx: DelegationContext, input: DelegationInput, organizationId: string, role: string): Promise<KeyPermissions[]> {
	const builtIn = input.options?.roles ?? (defaultRoles as unknown as Record<string, RoleStatements>);
	const grants: KeyPermissions[] = [];
	if (Object.hasOwn(builtIn, role)) grants.push(builtIn[role].statements as KeyPermissions);
	if (input.options?.dynamicAccessControl?.enabled) {
		const stored = await ctx.context.adapter.findOne<{ permission: unknown }>({
			model: "organizationRole",
			where: [
				{ field: "organizationId", value: organizationId },
				{ field: "role", value: role },
			],
		});
		if (stored) grants.push(parseKeyPermissions(stored.permission) ?? {});
	}
	return grants;
}

/** The member row the request changes, when it is the key's own user's in this organization. */
async function isOwnMemberRow(ctx: DelegationContext, userId: string, organizationId: string, memberId: unknown) {
	if (typeof memberId !== "string") return false;
	const member = await ctx.context.adapter.findOne<{ userId: string; organizationId: string }>({
		model: "member",
		where: [{ field: "id", value: memberId }],
	});
	return member?.userId === userId && member.organizationId === organizationId;
}

/**
 * updateOrgRole with a new name: a rename moves a name, and every member who
 * holds it, onto another role's statements, which no check of a role given
 * sees (rename the role a member holds away, then a wide role to its name).
 * A key whose permissions cap its role renames no role.
 */
function renamesRole(ctx: DelegationContext): boolean {
	const data = (ctx.body as { data?: { roleName?: unknown } } | undefined)?.data;
	return ctx.path === "/organization/update-role" && data?.roleName !== undefined;
}

/**
 * With dynamic access control, `ac: ["update"]` renames roles (updateOrgRole's
 * data.roleName, upstream's for any holder): its holder can move a name a
 * member holds onto a wide role's statements, so a role granting it is worth
 * every dynamic role of the organization, whatever the key holds. A key whose
 * permissions cap its role gives no such role.
 */
const grantsRenaming = (input: DelegationInput, grant: KeyPermissions) =>
	input.options?.dynamicAccessControl?.enabled === true && (grant.ac ?? []).includes("update");

/**
 * hasPermission's question for a role-giving endpoint, asked by a key whose
 * permissions `cap` its role: whether every role the request gives grants
 * nothing beyond the key's permissions, nor renaming (grantsRenaming), and the
 * request does not change the role of the key's own user (who would then hold
 * what the key chose), nor renames a role (renamesRole). Asked where the
 * endpoint checks its own permission, after membership, before any write: a no
 * refuses with the endpoint's own code for a missing permission; no role named,
 * or a name that is no role, is upstream's 400 ROLE_NOT_FOUND.
 */
export async function keyMayGiveRole(ctx: DelegationContext, input: DelegationInput, cap: KeyPermissions, userId: string): Promise<boolean> {
	if (renamesRole(ctx)) return false;
	const roleOf = ROLE_GIVING_ENDPOINTS[ctx.path ?? ""];
	const organizationId = input.organizationId;
	if (!roleOf || !organizationId) return true;
	const body = (ctx.body ?? {}) as Record<string, unknown>;
	if (ctx.path === "/organization/update-member-role" && (await isOwnMemberRow(ctx, userId, organizationId, body.memberId))) return false;
	const roles = rolesNamed(await roleOf(ctx, organizationId, body));
	if (roles.length === 0) throw roleNotFound();
	for (const role of roles) {
		const grants = await grantsOf(ctx, input, organizationId, role);
		if (grants.length === 0) throw roleNotFound();
		if (!grants.every((grant) => isWithin(cap, grant) && !grantsRenaming(input, grant))) return false;
	}
	return true;
}

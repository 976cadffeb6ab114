import { APIError } from "better-auth/api";
import { role } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { type KeyPermissions, keyPermissionsOf, type MockSession } from "./api-key-session";
import { type DelegationContext, type DelegationInput, keyMayGiveRole } from "./delegation";
import { isWithin } from "./statements";
import { apiKeyOrganizationError } from "./error-codes";

/** A permission check's input, as the organization plugin passes it (`permission` is the deprecated spelling). */
export interface PermissionRequest {
	permissions?: Record<string, unknown>;
	permission?: Record<string, unknown>;
}

/**
 * The organization plugin's hasPermission asks this first: a request made with a
 * key whose permissions cap its role is granted an action only when the key's
 * permissions grant it too, with the same rules (access control's `authorize`)
 * the role is checked by, and, on an endpoint that gives someone a role, only
 * when the key may give it (keyMayGiveRole). Every other session is the role's
 * business alone.
 */
export async function keyPermitsRequest(ctx: DelegationContext | undefined, input: PermissionRequest & DelegationInput): Promise<boolean> {
	const cap = keyPermissionsOf(ctx?.context.session);
	if (!ctx || !cap) return true;
	const requested = input.permissions ?? input.permission;
	if (!requested) return true;
	// authorize's parameter is typed by statements known when the app is compiled; these are read at run time
	if (!role(cap).authorize(requested as Parameters<ReturnType<typeof role<KeyPermissions>>["authorize"]>[0]).success) return false;
	return keyMayGiveRole(ctx, input, cap, (ctx.context.session as MockSession).user.id);
}

const ORGANIZATION_PERMISSION_CHECK = Symbol.for("better-auth.organization-permission-check");

interface PermissionCheckInput {
	role: string;
	options: OrganizationOptionsSlice;
	permissions: KeyPermissions;
	organizationId: string;
}

type PermissionCheck = (input: PermissionCheckInput, ctx: unknown) => Promise<boolean>;

interface OrganizationOptionsSlice {
	ac?: { statements: Record<string, readonly string[]> };
}

/**
 * Put on the organization plugin's object by the patch: the plugin's own
 * hasPermission, so that the api-key plugin (another package from 1.5 on)
 * checks a new key against the very rules every endpoint uses, dynamic roles included.
 */
export function exposePermissionCheck(check: PermissionCheck) {
	return { [ORGANIZATION_PERMISSION_CHECK]: check };
}

interface PluginEntry {
	id?: string;
	options?: OrganizationOptionsSlice;
	[ORGANIZATION_PERMISSION_CHECK]?: PermissionCheck;
}

export interface GrantContext {
	context: { options: { plugins?: PluginEntry[] } };
}


/**
 * createApiKey, for permissions a client sets on a key bound to an organization:
 * each resource and action must be one the organization's access control defines,
 * and the owner's role must grant them all at creation, by the organization
 * plugin's own hasPermission.
 */
export async function requireGrantablePermissions(ctx: GrantContext, memberRole: string, organizationId: string, permissions: KeyPermissions) {
	const organization = ctx.context.options.plugins?.find((plugin) => plugin.id === "organization");
	const check = organization?.[ORGANIZATION_PERMISSION_CHECK];
	const options = organization?.options ?? {};
	if (!check || !isWithin(options.ac?.statements ?? defaultStatements, permissions)) {
		throw new APIError("BAD_REQUEST", apiKeyOrganizationError("API_KEY_PERMISSIONS_NOT_DEFINED"));
	}
	if (!(await check({ role: memberRole, options, permissions, organizationId }, ctx))) {
		throw new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_PERMISSIONS_EXCEED_ROLE"));
	}
}

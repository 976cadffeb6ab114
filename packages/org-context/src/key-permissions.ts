import { APIError } from "better-auth/api";
import { role } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";
import { type KeyPermissions, keyPermissionsOf } from "./api-key-session";
import { apiKeyOrganizationError } from "./error-codes";

/** A permission check's input, as the organization plugin passes it (`permission` is the deprecated spelling). */
export interface PermissionRequest {
	permissions?: Record<string, unknown>;
	permission?: Record<string, unknown>;
}

/**
 * A key's stored permissions: JSON text in the database, an object once parsed.
 * Text that is no statements grants nothing: a key fails closed, never open.
 */
export function parseKeyPermissions(stored: unknown): KeyPermissions | null {
	if (stored === null || stored === undefined) return null;
	let value = stored;
	if (typeof stored === "string") {
		try {
			value = JSON.parse(stored);
		} catch {
			return {};
		}
	}
	if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
	const statements: KeyPermissions = {};
	for (const [resource, actions] of Object.entries(value)) {
		if (Array.isArray(actions) && actions.every((action) => typeof action === "string")) statements[resource] = actions;
	}
	return statements;
}

/**
 * The organization plugin's hasPermission asks this first: a request made with a
 * key whose permissions cap its role is granted an action only when the key's
 * permissions grant it too, with the same rules (access control's `authorize`)
 * the role is checked by. Every other session is the role's business alone.
 */
export function keyPermitsRequest(ctx: { context: { session?: unknown } } | undefined, input: PermissionRequest): boolean {
	const cap = keyPermissionsOf(ctx?.context.session);
	if (!cap) return true;
	const requested = input.permissions ?? input.permission;
	if (!requested) return true;
	// authorize's parameter is typed by statements known when the app is compiled; these are read at run time
	return role(cap).authorize(requested as Parameters<ReturnType<typeof role<KeyPermissions>>["authorize"]>[0]).success;
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

/** Whether every resource and action is one the organization's access control states. */
function isDefinedBy(statements: Record<string, readonly string[]>, permissions: KeyPermissions): boolean {
	return Object.entries(permissions).every(
		([resource, actions]) => Object.hasOwn(statements, resource) && actions.every((action) => statements[resource].includes(action)),
	);
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
	if (!check || !isDefinedBy(options.ac?.statements ?? defaultStatements, permissions)) {
		throw new APIError("BAD_REQUEST", apiKeyOrganizationError("API_KEY_PERMISSIONS_NOT_DEFINED"));
	}
	if (!(await check({ role: memberRole, options, permissions, organizationId }, ctx))) {
		throw new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_PERMISSIONS_EXCEED_ROLE"));
	}
}

import { APIError } from "better-auth/api";
import type { KeyPermissions } from "./api-key-session";
import { apiKeyOrganizationError } from "./error-codes";
import type { OrganizationKeyOptions } from "./organization-key-options";

export interface ReachingApiKey {
	id?: string;
	organizationId?: string | null;
	configId?: string | null;
}

interface RequestContext {
	path?: string;
	body?: unknown;
}

/**
 * What a key bound to an organization may call: the organization plugin (which
 * keeps it to its organization), the api-key plugin (which keeps it to its
 * organization's keys), reading its own session or token, and the paths the app
 * allows. Not its user's account: sessions and their tokens, e-mail, password,
 * linked accounts, deletion, the admin plugin.
 */
function isWithinBoundKeyReach(path: string | undefined, options: OrganizationKeyOptions): boolean {
	if (!path) return false;
	if (path.startsWith("/organization/") || path.startsWith("/api-key/") || path === "/get-session" || path === "/token") return true;
	return options.allowPaths?.includes(path) ?? false;
}

/**
 * A key with permissions manages no key but may delete itself: no permission
 * covers keys, and a key that could create, re-enable or extend keys could
 * outlive or widen itself.
 */
function isKeyManagementBeyondItself(ctx: RequestContext, apiKey: ReachingApiKey): boolean {
	if (ctx.path === "/api-key/create" || ctx.path === "/api-key/update") return true;
	return ctx.path === "/api-key/delete" && (ctx.body as { keyId?: unknown } | undefined)?.keyId !== apiKey.id;
}

/** A configuration id as upstream resolves it: none, or "default", is the default configuration. */
const configurationOf = (configId: unknown) => (configId === undefined || configId === null || configId === "default" ? "default" : configId);

const refuse = (code: Parameters<typeof apiKeyOrganizationError>[0]) => new APIError("FORBIDDEN", apiKeyOrganizationError(code));

/**
 * Refuses what a bound key, or a key whose permissions cap its role, may not
 * call, before the endpoint runs. A bound key creates keys of its own
 * configuration only: another's options could let its keys reach further.
 */
export function refuseOutsideKeyReach(ctx: RequestContext, apiKey: ReachingApiKey, keyPermissions: KeyPermissions | null, options: OrganizationKeyOptions) {
	const bound = !!apiKey.organizationId;
	if (bound && !isWithinBoundKeyReach(ctx.path, options)) throw refuse("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
	// Upstream creates in the default configuration when none is named: compare that one, not the name's absence.
	const configId = (ctx.body as { configId?: unknown } | undefined)?.configId;
	if (bound && ctx.path === "/api-key/create" && configurationOf(configId) !== configurationOf(apiKey.configId)) {
		throw refuse("API_KEY_IS_BOUND_TO_ITS_CONFIGURATION");
	}
	if (keyPermissions && (!isWithinBoundKeyReach(ctx.path, options) || isKeyManagementBeyondItself(ctx, apiKey))) {
		throw refuse("API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
	}
}

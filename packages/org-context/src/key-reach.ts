import { APIError } from "better-auth/api";
import type { KeyPermissions } from "./api-key-session";
import { apiKeyOrganizationError } from "./error-codes";
import type { OrganizationKeyOptions } from "./organization-key-options";

export interface ReachingApiKey {
	id?: string;
	organizationId?: string | null;
	configId?: string | null;
}

interface PluginWithEndpoints {
	id?: string;
	endpoints?: Record<string, { path?: unknown }>;
}

interface RequestContext {
	path?: string;
	body?: unknown;
	context?: { options?: { plugins?: PluginWithEndpoints[] } };
}

/** The plugins whose endpoints keep a bound key to its organization and its organization's keys. */
const ORGANIZATION_SCOPED_PLUGINS = ["organization", "api-key"];

const pathsByPlugins = new WeakMap<object, Map<string, Set<string>>>();

/**
 * The paths the plugins of these ids serve, exactly, read from the app's plugins
 * once: an app's own endpoint under `/organization/` is an app path.
 */
export function pathsServedBy(plugins: PluginWithEndpoints[] = [], ids: readonly string[]): Set<string> {
	const byIds = pathsByPlugins.get(plugins) ?? new Map<string, Set<string>>();
	pathsByPlugins.set(plugins, byIds);
	const known = byIds.get(ids.join());
	if (known) return known;
	const paths = new Set<string>();
	for (const plugin of plugins) {
		if (!ids.includes(plugin.id ?? "")) continue;
		for (const endpoint of Object.values(plugin.endpoints ?? {})) if (typeof endpoint?.path === "string") paths.add(endpoint.path);
	}
	byIds.set(ids.join(), paths);
	return paths;
}

/**
 * What a key bound to an organization may call: the organization plugin (which
 * keeps it to its organization), the api-key plugin (which keeps it to its
 * organization's keys), reading its own session or token, and the paths the app
 * allows it (`allowed`). Not its user's account: sessions and their tokens,
 * e-mail, password, linked accounts, deletion, the admin plugin.
 */
function isWithinBoundKeyReach(ctx: RequestContext, allowed: string[]): boolean {
	const path = ctx.path;
	if (!path) return false;
	if (path === "/get-session" || path === "/token" || pathsServedBy(ctx.context?.options?.plugins, ORGANIZATION_SCOPED_PLUGINS).has(path)) return true;
	return allowed.includes(path);
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
 * call, before the endpoint runs: a bound key, beyond the plugins, the paths of
 * `allowPaths` and `allowPathsForKeysWithPermissions`; a key with permissions
 * only the latter, so an app can open a path to bound keys and keep
 * least-privilege keys off it. A bound key creates keys of its own
 * configuration only: another's options could let its keys reach further.
 */
export function refuseOutsideKeyReach(ctx: RequestContext, apiKey: ReachingApiKey, keyPermissions: KeyPermissions | null, options: OrganizationKeyOptions) {
	const bound = !!apiKey.organizationId;
	const forKeysWithPermissions = options.allowPathsForKeysWithPermissions ?? [];
	if (bound && !isWithinBoundKeyReach(ctx, [...(options.allowPaths ?? []), ...forKeysWithPermissions])) {
		throw refuse("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
	}
	// Upstream creates in the default configuration when none is named: compare that one, not the name's absence.
	const configId = (ctx.body as { configId?: unknown } | undefined)?.configId;
	if (bound && ctx.path === "/api-key/create" && configurationOf(configId) !== configurationOf(apiKey.configId)) {
		throw refuse("API_KEY_IS_BOUND_TO_ITS_CONFIGURATION");
	}
	if (keyPermissions && (!isWithinBoundKeyReach(ctx, forKeysWithPermissions) || isKeyManagementBeyondItself(ctx, apiKey))) {
		throw refuse("API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
	}
}

import { APIError } from "better-call";
import { isApiKeySession } from "./api-key-session";
import { API_KEY_ORGANIZATION_ERROR_CODES, NO_ACTIVE_ORGANIZATION_FOR_API_KEY } from "./error-codes";

/**
 * Endpoints that fall back to the session's active organization when the request
 * names none. An API-key session has none, so without an explicit organization
 * these answer NO_ACTIVE_ORGANIZATION with a message saying what to pass.
 */
const ORGANIZATION_SCOPED_PATHS = new Set([
	"/organization/has-permission",
	"/organization/get-active-member",
	"/organization/get-active-member-role",
	"/organization/list-members",
	"/organization/update-member-role",
	"/organization/remove-member",
	"/organization/get-full-organization",
	"/organization/get-organization",
	"/organization/update",
	"/organization/invite-member",
	"/organization/list-invitations",
	"/organization/create-team",
	"/organization/update-team",
	"/organization/remove-team",
	"/organization/list-teams",
	"/organization/add-team-member",
	"/organization/remove-team-member",
	"/organization/create-role",
	"/organization/update-role",
	"/organization/delete-role",
	"/organization/get-role",
	"/organization/list-roles",
]);

const REFUSED_FOR_API_KEYS: Record<string, keyof typeof API_KEY_ORGANIZATION_ERROR_CODES> = {
	"/organization/set-active": "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION",
	"/organization/set-active-team": "API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM",
};

export interface OrganizationEndpointContext {
	path?: string;
	body?: unknown;
	query?: unknown;
	context: { session?: unknown };
}

function field(source: unknown, key: string): unknown {
	return typeof source === "object" && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

/** The organization a request names, where upstream endpoints read it from. */
function requestedOrganization(ctx: OrganizationEndpointContext) {
	const id = field(ctx.body, "organizationId") ?? field(ctx.query, "organizationId") ?? field(field(ctx.body, "data"), "organizationId");
	const slug = field(ctx.body, "organizationSlug") ?? field(ctx.query, "organizationSlug");
	return { id: typeof id === "string" ? id : undefined, slug: typeof slug === "string" ? slug : undefined };
}

function apiKeyError(status: "BAD_REQUEST" | "FORBIDDEN", code: string, message: string) {
	return new APIError(status, { code, message });
}

/**
 * Runs in the organization plugin's middlewares. For an API-key session, makes the
 * organization named by the request the session's active organization for this
 * request only (the mock session is built per request and never stored), so every
 * endpoint resolves "explicit, else active" as it does for cookie sessions. The
 * endpoints' own member lookups then check membership in the database.
 * Cookie sessions are left untouched.
 */
export function applyApiKeyOrganizationContext(ctx: OrganizationEndpointContext): void {
	const session = ctx.context.session;
	if (!isApiKeySession(session)) return;
	const refused = ctx.path ? REFUSED_FOR_API_KEYS[ctx.path] : undefined;
	if (refused) throw apiKeyError("BAD_REQUEST", refused, API_KEY_ORGANIZATION_ERROR_CODES[refused]);
	const requested = requestedOrganization(ctx);
	if (requested.id) {
		session.session.activeOrganizationId = requested.id;
		return;
	}
	if (requested.slug || session.session.activeOrganizationId) return;
	if (ctx.path && ORGANIZATION_SCOPED_PATHS.has(ctx.path)) {
		throw apiKeyError("BAD_REQUEST", "NO_ACTIVE_ORGANIZATION", NO_ACTIVE_ORGANIZATION_FOR_API_KEY);
	}
}

/** Session writes (active organization or team) have no row to update for an API-key session. */
export function skipsSessionWrites(ctx: { context: { session?: unknown } } | undefined): boolean {
	return isApiKeySession(ctx?.context.session);
}

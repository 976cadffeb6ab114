import { APIError } from "better-call";
import { boundOrganizationOf, isApiKeySession } from "./api-key-session";
import { type ApiKeyOrganizationErrorCode, apiKeyOrganizationError, NO_ACTIVE_ORGANIZATION_FOR_API_KEY } from "./error-codes";
import { type AdapterContext, findOrganizationIdBySlug } from "./membership";

/**
 * Endpoints that act on one organization, falling back to the session's active
 * organization when the request names none. An API-key session has none, so
 * without an explicit organization these answer NO_ACTIVE_ORGANIZATION with a
 * message saying what to pass. They are also all that an organization-bound
 * key may call.
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

/** Endpoints that require an explicit organization: a bound key may call them on its own. */
const ORGANIZATION_REQUIRED_PATHS = new Set(["/organization/leave", "/organization/delete"]);

const REFUSED_FOR_API_KEYS: Record<string, ApiKeyOrganizationErrorCode> = {
	"/organization/set-active": "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION",
	"/organization/set-active-team": "API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM",
};

export interface OrganizationEndpointContext extends AdapterContext {
	path?: string;
	body?: unknown;
	query?: unknown;
	context: AdapterContext["context"] & { session?: unknown };
}

function field(source: unknown, key: string): unknown {
	return typeof source === "object" && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

/** The organization a request names, where upstream endpoints read it from. */
function requestedOrganization(ctx: OrganizationEndpointContext) {
	const id =
		field(ctx.body, "organizationId") ?? field(ctx.query, "organizationId") ?? field(field(ctx.body, "data"), "organizationId");
	const slug = field(ctx.body, "organizationSlug") ?? field(ctx.query, "organizationSlug");
	return { id: typeof id === "string" ? id : undefined, slug: typeof slug === "string" ? slug : undefined };
}

function refuse(status: "BAD_REQUEST" | "FORBIDDEN", code: ApiKeyOrganizationErrorCode) {
	return new APIError(status, apiKeyOrganizationError(code));
}

/**
 * Runs in the organization plugin's middlewares. For an API-key session, makes the
 * organization the request acts on the session's active organization for this
 * request only (the mock session is built per request and never stored), so every
 * endpoint resolves "explicit, else active" as it does for cookie sessions. The
 * endpoints' own member lookups then check membership in the database.
 * Cookie sessions are left untouched.
 */
export async function applyApiKeyOrganizationContext(ctx: OrganizationEndpointContext): Promise<void> {
	const session = ctx.context.session;
	if (!isApiKeySession(session)) return;
	const path = ctx.path ?? "";
	const refused = REFUSED_FOR_API_KEYS[path];
	if (refused) throw refuse("BAD_REQUEST", refused);
	const requested = requestedOrganization(ctx);
	const bound = boundOrganizationOf(session);
	if (bound !== null) {
		await enforceBinding(ctx, path, requested, bound);
		session.session.activeOrganizationId = bound;
		return;
	}
	if (requested.id) {
		session.session.activeOrganizationId = requested.id;
		return;
	}
	if (!requested.slug && ORGANIZATION_SCOPED_PATHS.has(path)) {
		throw new APIError("BAD_REQUEST", { code: "NO_ACTIVE_ORGANIZATION", message: NO_ACTIVE_ORGANIZATION_FOR_API_KEY });
	}
}

/** A bound key acts on its organization only: any other, named by id or slug, is refused alike. */
async function enforceBinding(
	ctx: OrganizationEndpointContext,
	path: string,
	requested: { id?: string; slug?: string },
	bound: string,
) {
	if (!ORGANIZATION_SCOPED_PATHS.has(path) && !ORGANIZATION_REQUIRED_PATHS.has(path)) {
		throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
	}
	const named = requested.id ?? (requested.slug ? await findOrganizationIdBySlug(ctx, requested.slug) : bound);
	if (named !== bound) throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION");
}

/** Session writes (active organization or team) have no row to update for an API-key session. */
export function skipsSessionWrites(ctx: { context: { session?: unknown } } | undefined): boolean {
	return isApiKeySession(ctx?.context.session);
}

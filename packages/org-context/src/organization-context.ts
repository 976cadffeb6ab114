import { APIError } from "better-auth/api";
import { boundOrganizationOf, isApiKeySession, keyPermissionsOf } from "./api-key-session";
import { type ApiKeyOrganizationErrorCode, apiKeyOrganizationError, NO_ACTIVE_ORGANIZATION_FOR_API_KEY } from "./error-codes";
import { type AdapterContext, findOrganizationIdBySlug } from "./membership";
import { ORGANIZATION_ENDPOINTS, resolveNamedOrganization } from "./requested-organization";

/** Writes upstream lets every user make, with no permission to check a key's permissions against. */
const UNCHECKED_WRITES = new Set(["/organization/leave", "/organization/create", "/organization/accept-invitation", "/organization/reject-invitation"]);

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

function refuse(status: "BAD_REQUEST" | "FORBIDDEN", code: ApiKeyOrganizationErrorCode) {
	return new APIError(status, apiKeyOrganizationError(code));
}

/** updateOrganization's `data.slug`: a taken one is refused, so renaming tells which slugs other organizations hold. */
const renamesSlug = (body: unknown) => (body as { data?: { slug?: unknown } } | undefined)?.data?.slug !== undefined;

/**
 * Runs in the organization plugin's middlewares. For an API-key session, makes the
 * organization the request acts on the session's active organization for this
 * request only (the mock session is built per request and never stored), so every
 * endpoint resolves "explicit, else active" as it does for cookie sessions. The
 * endpoints' own member lookups then check membership in the database.
 * A bound key acts on its organization only: any other, named by id or slug, is
 * refused alike, and so is every endpoint that does not act on one organization,
 * and renaming its organization's slug (whether a slug is taken is about others).
 * A key with permissions may not make writes no permission covers (leaving,
 * creating an organization, answering invitations).
 * Cookie sessions are left untouched.
 */
export async function applyApiKeyOrganizationContext(ctx: OrganizationEndpointContext): Promise<void> {
	const session = ctx.context.session;
	if (!isApiKeySession(session)) return;
	const path = ctx.path ?? "";
	const refused = REFUSED_FOR_API_KEYS[path];
	if (refused) throw refuse("BAD_REQUEST", refused);
	if (keyPermissionsOf(session) && UNCHECKED_WRITES.has(path)) throw refuse("FORBIDDEN", "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
	const endpoint = ORGANIZATION_ENDPOINTS[path];
	const bound = boundOrganizationOf(session);
	if (!endpoint) {
		if (bound !== null) throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
		return;
	}
	const named = resolveNamedOrganization(ctx, path, endpoint);
	if (bound !== null) {
		const namedId = named.id ?? (named.slug ? await findOrganizationIdBySlug(ctx, named.slug) : bound);
		if (namedId !== bound) throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION");
		if (path === "/organization/update" && renamesSlug(ctx.body)) throw refuse("FORBIDDEN", "API_KEY_CANNOT_CHANGE_ORGANIZATION_SLUG");
		session.session.activeOrganizationId = bound;
		return;
	}
	if (named.id) {
		session.session.activeOrganizationId = named.id;
		return;
	}
	if (!named.slug && !endpoint.required) {
		throw new APIError("BAD_REQUEST", { code: "NO_ACTIVE_ORGANIZATION", message: NO_ACTIVE_ORGANIZATION_FOR_API_KEY });
	}
}

/** Session writes (active organization or team) have no row to update for an API-key session. */
export function skipsSessionWrites(ctx: { context: { session?: unknown } } | undefined): boolean {
	return isApiKeySession(ctx?.context.session);
}

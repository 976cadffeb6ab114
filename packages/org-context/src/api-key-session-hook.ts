import { APIError } from "better-auth/api";
import { type MockSession, markApiKeySession } from "./api-key-session";
import { parseKeyPermissions } from "./key-permissions";
import { apiKeyOrganizationError } from "./error-codes";
import type { AdapterContext } from "./membership";
import { applyOrganizationBinding, type BindableApiKey } from "./organization-binding";
import type { OrganizationKeyOptions } from "./organization-key-options";
import { refuseDeeplyNestedBody } from "./request-checks";
import { ORGANIZATION_ENDPOINTS, resolveNamedOrganization } from "./requested-organization";

interface BannableUser {
	banned?: boolean | null;
	banExpires?: Date | string | null;
}

/** The admin plugin refuses banned users when a session row is created; a mock session has none. */
function isBanned(user: BannableUser): boolean {
	return user.banned === true && (!user.banExpires || new Date(user.banExpires).getTime() > Date.now());
}

/**
 * What a key bound to an organization may call: the organization plugin (which
 * keeps it to its organization), the api-key plugin (which keeps it to its
 * organization's keys), and reading its own session or token. Not its user's
 * account: sessions and their tokens, e-mail, password, linked accounts, deletion.
 */
function isWithinBoundKeyReach(path: string | undefined, options: OrganizationKeyOptions): boolean {
	if (!path) return false;
	if (path.startsWith("/organization/") || path.startsWith("/api-key/") || path === "/get-session" || path === "/token") return true;
	return options.allowPaths?.includes(path) ?? false;
}

/**
 * Completes the session the api-key plugin mocks for a request: refuses a body
 * too deep for the plugin's merge, refuses a banned user's key as the admin
 * plugin refuses their sign-in, refuses a bound key outside its reach, applies
 * the key's organization binding, and marks the session for the organization
 * plugin with the binding and, for a bound key (any key, when the app opts in),
 * the key's permissions, which cap its user's role.
 *
 * It runs before the endpoint validates its input, so it sees the request as
 * sent: an organization named where the endpoint does not read one is refused
 * here, before zod strips it and the organization plugin could no longer see it.
 */
export async function prepareApiKeySession<S extends MockSession>(
	ctx: AdapterContext & { path?: string; body?: unknown; query?: unknown },
	session: S,
	apiKey: BindableApiKey,
	options: { organizationKeys?: OrganizationKeyOptions },
) {
	const organizationKeys = options.organizationKeys ?? {};
	refuseDeeplyNestedBody(ctx.body);
	if (isBanned(session.user as BannableUser)) {
		throw new APIError("FORBIDDEN", { code: "BANNED_USER", message: "You have been banned from this application" });
	}
	if (apiKey.organizationId && !isWithinBoundKeyReach(ctx.path, organizationKeys)) {
		throw new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION"));
	}
	const endpoint = ORGANIZATION_ENDPOINTS[ctx.path ?? ""];
	if (endpoint) resolveNamedOrganization(ctx, ctx.path as string, endpoint);
	const binding = await applyOrganizationBinding(ctx, session, apiKey);
	const capped = !!binding.organizationId || organizationKeys.capUnboundKeys === true;
	return markApiKeySession(session, {
		boundOrganizationId: binding.organizationId,
		boundMember: binding.member,
		keyPermissions: capped ? parseKeyPermissions(apiKey.permissions) : null,
	});
}

import { APIError } from "better-auth/api";
import { type MockSession, markApiKeySession } from "./api-key-session";
import { parseKeyPermissions } from "./statements";
import { type KeyDefaults, type LimitedApiKey, refuseBeyondKeyLimits } from "./key-lineage";
import { type ReachingApiKey, refuseOutsideKeyReach } from "./key-reach";
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
 * Completes the session the api-key plugin mocks for a request: refuses a body
 * too deep for the plugin's merge, refuses a banned user's key as the admin
 * plugin refuses their sign-in, refuses a bound or capped key outside its
 * reach or beyond its own limits (refuseBeyondKeyLimits), applies the key's organization binding, and marks the session for the
 * organization plugin with the binding and, for a bound key (any key, when the
 * app opts in), the key's permissions, which cap its user's role.
 *
 * It runs before the endpoint validates its input, so it sees the request as
 * sent: an organization named where the endpoint does not read one is refused
 * here, before zod strips it and the organization plugin could no longer see it.
 */
export async function prepareApiKeySession<S extends MockSession>(
	ctx: AdapterContext & { path?: string; body?: unknown; query?: unknown },
	session: S,
	apiKey: BindableApiKey & ReachingApiKey & LimitedApiKey,
	options: KeyDefaults & { organizationKeys?: OrganizationKeyOptions },
) {
	const organizationKeys = options.organizationKeys ?? {};
	refuseDeeplyNestedBody(ctx.body);
	if (isBanned(session.user as BannableUser)) {
		throw new APIError("FORBIDDEN", { code: "BANNED_USER", message: "You have been banned from this application" });
	}
	const capped = !!apiKey.organizationId || organizationKeys.capUnboundKeys === true;
	const keyPermissions = capped ? parseKeyPermissions(apiKey.permissions) : null;
	refuseOutsideKeyReach(ctx, apiKey, keyPermissions, organizationKeys);
	if (capped) refuseBeyondKeyLimits(ctx, apiKey, options);
	const endpoint = ORGANIZATION_ENDPOINTS[ctx.path ?? ""];
	if (endpoint) resolveNamedOrganization(ctx, ctx.path as string, endpoint);
	const binding = await applyOrganizationBinding(ctx, session, apiKey);
	return markApiKeySession(session, { boundOrganizationId: binding.organizationId, boundMember: binding.member, keyPermissions, limitsBind: capped });
}

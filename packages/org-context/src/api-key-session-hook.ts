import { APIError } from "better-auth/api";
import { type MockSession, markApiKeySession } from "./api-key-session";
import type { AdapterContext } from "./membership";
import { applyOrganizationBinding, type BindableApiKey } from "./organization-binding";

interface BannableUser {
	banned?: boolean | null;
	banExpires?: Date | string | null;
}

/** The admin plugin refuses banned users when a session row is created; a mock session has none. */
function isBanned(user: BannableUser): boolean {
	return user.banned === true && (!user.banExpires || new Date(user.banExpires).getTime() > Date.now());
}

/**
 * Completes the session the api-key plugin mocks for a request: refuses a banned
 * user's key as the admin plugin refuses their sign-in, applies the key's
 * organization binding, and marks the session for the organization plugin.
 */
export async function prepareApiKeySession<S extends MockSession>(ctx: AdapterContext, session: S, apiKey: BindableApiKey) {
	if (isBanned(session.user as BannableUser)) {
		throw new APIError("FORBIDDEN", { code: "BANNED_USER", message: "You have been banned from this application" });
	}
	return markApiKeySession(session, await applyOrganizationBinding(ctx, session, apiKey));
}

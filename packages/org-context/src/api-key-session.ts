/**
 * The api-key plugin marks the session it mocks, so the organization plugin can
 * tell it from a stored session and knows the organization the key is bound to.
 * `Symbol.for` because the two plugins may live in different packages
 * (better-auth and @better-auth/api-key), each with its own copy of this module.
 * A symbol key stays out of JSON responses and `Object.keys`, and, being
 * enumerable, survives the copies better-auth makes when it merges a hook's
 * context into the endpoint's.
 */
const API_KEY_SESSION = Symbol.for("better-auth.api-key-session");

export interface MockSession {
	session: { activeOrganizationId?: string | null } & Record<string, unknown>;
	user: { id: string } & Record<string, unknown>;
}

interface ApiKeySessionMark {
	/** The organization the key is bound to, member or not; null for an unbound key. */
	boundOrganizationId: string | null;
}

export function markApiKeySession<S extends MockSession>(session: S, boundOrganizationId: string | null): S {
	const mark: ApiKeySessionMark = { boundOrganizationId };
	return Object.assign(session, { [API_KEY_SESSION]: mark });
}

export function isApiKeySession(session: unknown): session is MockSession {
	return typeof session === "object" && session !== null && API_KEY_SESSION in session;
}

/** The organization an API-key session is bound to; null when unbound or not an API-key session. */
export function boundOrganizationOf(session: unknown): string | null {
	return isApiKeySession(session) ? (session as unknown as Record<symbol, ApiKeySessionMark>)[API_KEY_SESSION].boundOrganizationId : null;
}

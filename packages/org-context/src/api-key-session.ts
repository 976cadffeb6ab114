/**
 * The api-key plugin marks the session it mocks, so the organization plugin can
 * tell it from a stored session. `Symbol.for` because the two plugins may live in
 * different packages (better-auth and @better-auth/api-key), each with its own
 * copy of this module. A symbol key stays out of JSON responses and `Object.keys`,
 * and, being enumerable, survives the copies better-auth makes when it merges a
 * hook's context into the endpoint's.
 */
const API_KEY_SESSION = Symbol.for("better-auth.api-key-session");

export interface MockSession {
	session: { activeOrganizationId?: string | null } & Record<string, unknown>;
	user: Record<string, unknown>;
}

export function markApiKeySession<S extends MockSession>(session: S): S {
	return Object.assign(session, { [API_KEY_SESSION]: true });
}

export function isApiKeySession(session: unknown): session is MockSession {
	return typeof session === "object" && session !== null && API_KEY_SESSION in session;
}

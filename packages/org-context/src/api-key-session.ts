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

/** The key's user's member row in the bound organization, as the api-key hook read it; null when not a member. */
export type BoundMember = { id: string; role: string } | null;

/** Actions per resource a key's own permissions grant. */
export type KeyPermissions = Record<string, string[]>;

interface ApiKeySessionMark {
	/** The organization the key is bound to, member or not; null for an unbound key. */
	boundOrganizationId: string | null;
	/** Read once per request by the hook, for the endpoint to reuse; the next request's session reads again. */
	boundMember?: BoundMember;
	/** The key's permissions, when they cap what its user's role lets it do; null when the role alone decides. */
	keyPermissions: KeyPermissions | null;
	/** Whether the key's own limits bound the keys it creates and changes (refuseBeyondKeyLimits): a bound key, or any key when the app caps unbound ones. */
	limitsBind?: boolean;
}

export function markApiKeySession<S extends MockSession>(session: S, mark: ApiKeySessionMark): S {
	return Object.assign(session, { [API_KEY_SESSION]: mark });
}

const markOf = (session: MockSession) => (session as unknown as Record<symbol, ApiKeySessionMark>)[API_KEY_SESSION];

export function isApiKeySession(session: unknown): session is MockSession {
	return typeof session === "object" && session !== null && API_KEY_SESSION in session;
}

/** The organization an API-key session is bound to; null when unbound or not an API-key session. */
export function boundOrganizationOf(session: unknown): string | null {
	return isApiKeySession(session) ? markOf(session).boundOrganizationId : null;
}

/** The permissions that cap an API-key session's role; null for a cookie session or a key its role alone decides for. */
export function keyPermissionsOf(session: unknown): KeyPermissions | null {
	return isApiKeySession(session) ? markOf(session).keyPermissions : null;
}

/** Whether an API-key session's own limits bound the keys it creates and changes; false for a cookie session. */
export function keyLimitsBind(session: unknown): boolean {
	return isApiKeySession(session) && markOf(session).limitsBind === true;
}

/**
 * The member row of `userId` in `organizationId` that this request's hook read
 * already, when it is that one; undefined when the request has not read it.
 */
export function boundMemberRead(session: unknown, userId: string, organizationId: string): BoundMember | undefined {
	if (!isApiKeySession(session) || session.user.id !== userId) return undefined;
	const mark = markOf(session);
	return mark.boundOrganizationId === organizationId ? mark.boundMember : undefined;
}

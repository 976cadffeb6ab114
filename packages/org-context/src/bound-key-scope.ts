import { APIError } from "better-auth/api";
import { boundMemberRead, boundOrganizationOf, type MockSession } from "./api-key-session";
import { apiKeyOrganizationError } from "./error-codes";
import { refuseRevivingKey } from "./key-lineage";

/** The fields of an api-key row that say whom it belongs to (`referenceId` from 1.5 on). */
export interface ScopedApiKey {
	organizationId?: string | null;
	referenceId?: string | null;
}

interface SessionContext {
	path?: string;
	body?: unknown;
	context: { session?: unknown };
}

/**
 * Whether the calling session may see the key: every key for a cookie session or
 * an unbound key (upstream's own checks follow), and for a key bound to an
 * organization only the keys of that organization: keys bound to it, and on
 * 1.5+ the keys it owns (`referenceId`, organization-owned keys, whose role
 * check upstream then runs), while its user is a member. Never its user's unbound keys.
 */
function isWithinBinding(ctx: SessionContext, key: ScopedApiKey): boolean {
	const session = ctx.context.session;
	const bound = boundOrganizationOf(session);
	if (bound === null) return true;
	// A key whose user has left its organization acts on none of that organization's keys either.
	if (!boundMemberRead(session, (session as MockSession).user.id, bound)) return false;
	return key.organizationId === bound || key.referenceId === bound;
}

/**
 * getApiKey, updateApiKey, deleteApiKey: a key outside the caller's binding is
 * not there for it, so the endpoint answers KEY_NOT_FOUND exactly as for a key
 * that does not exist. One within it may be enabled, or its expiry renewed once
 * past, only by a caller whose limits do not bind (refuseRevivingKey): asked
 * here, after the binding.
 */
export function keyWithinBinding<K extends ScopedApiKey & { enabled?: boolean | null; expiresAt?: Date | string | null }>(ctx: SessionContext, key: K | null): K | null {
	if (!key || !isWithinBinding(ctx, key)) return null;
	refuseRevivingKey(ctx, key);
	return key;
}

/** listApiKeys: the keys within the caller's binding, before upstream counts and pages them. */
export function keysWithinBinding<K extends ScopedApiKey>(ctx: SessionContext, keys: K[]): K[] {
	return keys.filter((key) => isWithinBinding(ctx, key));
}

/** createApiKey, and listApiKeys (1.5+) by `organizationId`: a bound key names its own organization only. */
export function organizationWithinBinding(ctx: SessionContext, organizationId: string | undefined): string | undefined {
	const bound = boundOrganizationOf(ctx.context.session);
	if (bound !== null && organizationId !== undefined && organizationId !== bound) {
		throw new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION"));
	}
	return organizationId;
}

import { APIError } from "better-auth/api";
import { keyLimitsBind } from "./api-key-session";
import { apiKeyOrganizationError } from "./error-codes";

/** The limits of an api-key row: null where it has none. */
export interface LimitedApiKey {
	remaining?: number | null;
	expiresAt?: Date | string | null;
	rateLimitEnabled?: boolean | null;
	rateLimitMax?: number | null;
	rateLimitTimeWindow?: number | null;
}

/** The api-key configuration's defaults for a new key, resolved as the plugin resolves them. */
export interface KeyDefaults {
	rateLimit?: { enabled?: boolean; maxRequests?: number | null; timeWindow?: number | null };
	keyExpiration?: { defaultExpiresIn?: number | null };
}

interface KeyRequest {
	path?: string;
	body?: unknown;
}

type Body = {
	remaining?: number | null;
	expiresIn?: number | null;
	rateLimitEnabled?: boolean;
	rateLimitMax?: number;
	rateLimitTimeWindow?: number;
};

type RateLimit = { max: number; window: number } | null;

const beyondItsLimits = () => new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_EXCEEDS_ITS_OWN_LIMITS"));

/** An expiry `expiresIn` seconds from now, as upstream computes it; null for none. */
const expiryIn = (seconds: number | null | undefined) => (seconds ? Date.now() + seconds * 1000 : null);

/** A rate limit that holds: enabled, with both a maximum and a window. */
const rateLimitOf = (enabled: boolean | null | undefined, max: number | null | undefined, window: number | null | undefined): RateLimit =>
	enabled && max != null && window != null ? { max, window } : null;

/** No more (requests, time, requests per window) than the key's own. */
const remainingWithin = (parent: number | null, child: number | null) => parent === null || (child !== null && child <= parent);
const expiryWithin = (parent: number | null, child: number | null) => parent === null || (child !== null && child <= parent);
const rateLimitWithin = (parent: RateLimit, child: RateLimit) => parent === null || (child !== null && child.max <= parent.max && child.window >= parent.window);

/**
 * A key never mints a key, or changes one (itself included), beyond its own
 * limits: a new key's remaining requests, expiry and rate limit are at most the
 * creating key's (its configuration's defaults where the request sets none); an
 * update may not give a key more requests, a later expiry (or none) or a laxer
 * rate limit than the calling key has. Decided from the request alone, before
 * the key it names is read, so the answer is the same whichever key that is
 * (reviving a key is refuseRevivingKey's, once it is read). A key with permissions creates and updates none (refuseOutsideKeyReach). A rate
 * limit the configuration turns off holds for no key, so none is compared.
 */
export function refuseBeyondKeyLimits(ctx: KeyRequest, apiKey: LimitedApiKey, defaults: KeyDefaults): void {
	if (ctx.path !== "/api-key/create" && ctx.path !== "/api-key/update") return;
	const body = (ctx.body ?? {}) as Body;
	const rateLimited = defaults.rateLimit?.enabled !== false;
	const own = {
		remaining: apiKey.remaining ?? null,
		expiresAt: apiKey.expiresAt ? new Date(apiKey.expiresAt).getTime() : null,
		rateLimit: rateLimited ? rateLimitOf(apiKey.rateLimitEnabled, apiKey.rateLimitMax, apiKey.rateLimitTimeWindow) : null,
	};
	if (ctx.path === "/api-key/create") {
		const rateLimit = rateLimitOf(
			body.rateLimitEnabled ?? defaults.rateLimit?.enabled ?? true,
			body.rateLimitMax ?? defaults.rateLimit?.maxRequests,
			body.rateLimitTimeWindow ?? defaults.rateLimit?.timeWindow,
		);
		const within =
			remainingWithin(own.remaining, body.remaining ?? null) &&
			expiryWithin(own.expiresAt, expiryIn(body.expiresIn ?? defaults.keyExpiration?.defaultExpiresIn)) &&
			rateLimitWithin(own.rateLimit, rateLimit);
		if (!within) throw beyondItsLimits();
		return;
	}
	const laxerRateLimit =
		own.rateLimit !== null &&
		(body.rateLimitEnabled === false ||
			(body.rateLimitMax !== undefined && body.rateLimitMax > own.rateLimit.max) ||
			(body.rateLimitTimeWindow !== undefined && body.rateLimitTimeWindow < own.rateLimit.window));
	const beyond =
		(body.remaining !== undefined && !remainingWithin(own.remaining, body.remaining)) ||
		(body.expiresIn !== undefined && !expiryWithin(own.expiresAt, expiryIn(body.expiresIn))) ||
		laxerRateLimit;
	if (beyond) throw beyondItsLimits();
}

interface UpdateRequest extends KeyRequest {
	context: { session?: unknown };
}

/** A key's expiry, past: the api-key plugin refuses the key (and deletes it) when next used. */
const hasExpired = (key: { expiresAt?: Date | string | null }) => key.expiresAt != null && new Date(key.expiresAt).getTime() <= Date.now();

/**
 * updateApiKey, once the key named is known to be within the caller's binding
 * (one outside it stays KEY_NOT_FOUND): a key whose own limits bind revives no
 * key, neither enabling a disabled one nor giving an expired one a new expiry.
 * Such a sibling may have wider limits (no expiry, no quota, no rate limit)
 * than the calling key, which would then act through it; a disabled or expired
 * key cannot call at all, so it cannot revive itself.
 */
export function refuseRevivingKey(ctx: UpdateRequest, key: { enabled?: boolean | null; expiresAt?: Date | string | null }): void {
	if (ctx.path !== "/api-key/update" || !keyLimitsBind(ctx.context.session)) return;
	const body = (ctx.body ?? {}) as { enabled?: unknown; expiresIn?: unknown };
	const enables = body.enabled === true && key.enabled === false;
	const extendsExpired = body.expiresIn !== undefined && hasExpired(key);
	if (enables || extendsExpired) throw beyondItsLimits();
}

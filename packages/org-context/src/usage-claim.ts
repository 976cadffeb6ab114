import {
	canCompareAndSet,
	type Guard,
	type GuardedAdapter,
	guardedUpdate,
	MOST_USAGE_CLAIM_ROUNDS,
	type UsageOptions,
	usageContended,
} from "./compare-and-set";

/**
 * @better-auth/api-key 1.6.17+ claims a request's use of a key in up to three
 * writes of the key's row: a guarded decrement of `remaining` (or a refill), a
 * guarded rate-limit write, then `updatedAt`. Each is an autocommit, and each
 * goes through the adapter's incrementOne, which on PostgreSQL checks its
 * guards in a subquery: a request blocked behind another's write passes on the
 * id alone (5 to 7 of 16 through a rate limit of 4). Here one update writes the
 * values upstream's three end with, on condition that the row still holds what
 * the request read; a request that lost the race reads the row again and
 * decides again. Refusals (a spent quota, a reached limit) and the adapters
 * where a lost race does not show stay upstream's own claim.
 */

/** The columns of the api-key row the claim reads. */
export interface UsageCountedKey {
	id: string;
	remaining: number | null;
	refillInterval: number | null;
	refillAmount: number | null;
	lastRefillAt: Date | string | null;
	createdAt: Date | string;
	requestCount: number;
	lastRequest: Date | string | null;
}

/** What upstream's `evaluateRateLimit` decides for the key as read. */
export type RateLimitDecision =
	| { type: "skip"; lastRequest: Date | null }
	| { type: "start"; now: Date }
	| { type: "reset"; now: Date; windowStart: Date }
	| { type: "increment"; now: Date; max: number; windowStart: Date }
	| { type: "deny" };

export interface UsageClaim<K extends UsageCountedKey, O extends UsageOptions> {
	/** The api-key model's name, as upstream's claim names it. */
	model: string;
	apiKey: K;
	opts: O;
	evaluateRateLimit(apiKey: K, opts: O): RateLimitDecision;
}

/** Upstream's condition for a refill: both set, and more than an interval since the last one (or the key's creation). */
function refillIsDue(key: UsageCountedKey, now: Date): key is UsageCountedKey & { refillAmount: number } {
	if (!key.refillInterval || !key.refillAmount) return false;
	return now.getTime() - new Date(key.lastRefillAt ?? key.createdAt).getTime() > key.refillInterval;
}

/** The row this request leaves, as upstream's three writes leave it, guarded by every column they change. */
function compareAndSet(key: UsageCountedKey, decision: Exclude<RateLimitDecision, { type: "deny" }>) {
	const now = new Date();
	const where: Guard[] = [{ field: "id", value: key.id }];
	const update: Record<string, unknown> = { updatedAt: now };
	if (key.remaining !== null) {
		where.push({ field: "remaining", value: key.remaining }, { field: "lastRefillAt", value: key.lastRefillAt });
		if (refillIsDue(key, now)) Object.assign(update, { remaining: key.refillAmount - 1, lastRefillAt: now });
		else update.remaining = key.remaining - 1;
	}
	if (decision.type === "skip") {
		if (decision.lastRequest !== null) update.lastRequest = decision.lastRequest;
	} else {
		where.push({ field: "requestCount", value: key.requestCount }, { field: "lastRequest", value: key.lastRequest });
		const requestCount = decision.type === "increment" ? key.requestCount + 1 : 1;
		Object.assign(update, { requestCount, lastRequest: decision.now });
	}
	return { where, update };
}

/** A spent quota: upstream's claim refuses it (USAGE_EXCEEDED), as it words it. */
const quotaSpent = (key: UsageCountedKey) => key.remaining === 0 && !refillIsDue(key, new Date());

/**
 * claimUsageInDatabase: the row after this request's use of the key, in one
 * write; `upstreamClaim` (upstream's own sequence) for a refusal, for a key
 * that is gone, and where a lost race would not show.
 */
export async function claimUsageInOneWrite<K extends UsageCountedKey, O extends UsageOptions>(
	ctx: { context: { adapter: GuardedAdapter } },
	{ model, apiKey, opts, evaluateRateLimit }: UsageClaim<K, O>,
	upstreamClaim: () => Promise<K | null>,
): Promise<K | null> {
	const adapter = ctx.context.adapter;
	if (!canCompareAndSet(adapter, opts)) return upstreamClaim();
	let key: K | null = apiKey;
	for (let round = 0; key && round < MOST_USAGE_CLAIM_ROUNDS; round++) {
		const decision = evaluateRateLimit(key, opts);
		if (decision.type === "deny" || quotaSpent(key)) return upstreamClaim();
		const claimed = await guardedUpdate<K>(adapter, { model, ...compareAndSet(key, decision) }, key);
		if (claimed) return claimed;
		key = await adapter.findOne<K>({ model, where: [{ field: "id", value: key.id }] });
	}
	if (!key) return upstreamClaim();
	throw usageContended();
}

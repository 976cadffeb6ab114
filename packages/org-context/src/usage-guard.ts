import {
	canCompareAndSet,
	type Guard,
	type GuardedAdapter,
	guardedUpdate,
	MOST_USAGE_CLAIM_ROUNDS,
	type UsageOptions,
	type UsageUpdate,
	usageContended,
} from "./compare-and-set";

/**
 * Up to 1.6.16 a key's use is one read-modify-write of its row: parallel
 * requests that read the same `remaining` or rate-limit count all pass (16 of
 * 16 on a key with `remaining: 5`, on PostgreSQL). Upstream made the claim
 * atomic in 1.6.17. Here the write of a limited key is applied only while the
 * row still holds what the request read; a request that lost the race runs
 * again from its read of the key, as upstream's guarded writes retry.
 */
class LostUsageClaim extends Error {}

interface UsageRow {
	remaining?: number | null;
	requestCount?: number | null;
	lastRequest?: Date | string | null;
	lastRefillAt?: Date | string | null;
}

/**
 * The columns the write changes that other requests may have changed since
 * this one read the key. These releases' adapters compare `= null`, which
 * matches nothing: a key never used or never refilled is guarded by its counts
 * alone. `lastRefillAt` because a refill writes the same `remaining` each time.
 */
function guardsOf(observed: UsageRow, update: Record<string, unknown>): Guard[] {
	const guards: Guard[] = [];
	if (observed.remaining != null && "remaining" in update) {
		guards.push({ field: "remaining", value: observed.remaining });
		if (observed.lastRefillAt != null && "lastRefillAt" in update) guards.push({ field: "lastRefillAt", value: observed.lastRefillAt });
	}
	if (observed.requestCount != null && "requestCount" in update) {
		guards.push({ field: "requestCount", value: observed.requestCount });
		if (observed.lastRequest != null) guards.push({ field: "lastRequest", value: observed.lastRequest });
	}
	return guards;
}

/**
 * validateApiKey's write of the key's use: a compare-and-set on the columns
 * read, whose loss sends the request back to its read of the key
 * (retryLostUsageClaims); upstream's update for a key without a quota or a
 * counted rate limit, and where a lost race cannot be seen (canCompareAndSet).
 */
export async function updateUsageIfUnchanged<R>(
	ctx: { context: { adapter: GuardedAdapter } },
	observed: UsageRow,
	opts: UsageOptions,
	query: UsageUpdate,
): Promise<R | null> {
	const adapter = ctx.context.adapter;
	const guards = guardsOf(observed, query.update);
	// secondary storage: the key was read from the cache, which a lost race leaves as it was
	const fromDatabase = (opts.storage ?? "database") === "database";
	if (!guards.length || !fromDatabase || !canCompareAndSet(adapter, opts)) return adapter.update<R>(query);
	const updated = await guardedUpdate<R>(adapter, { ...query, where: [...query.where, ...guards] }, observed as R);
	if (!updated) throw new LostUsageClaim();
	return updated;
}

/** Runs upstream's validateApiKey again, from its read of the key, while its claim of the key's use loses a race. */
export async function retryLostUsageClaims<T>(validate: () => Promise<T>): Promise<T> {
	for (let round = 1; ; round++) {
		try {
			return await validate();
		} catch (error) {
			if (!(error instanceof LostUsageClaim)) throw error;
			if (round === MOST_USAGE_CLAIM_ROUNDS) throw usageContended();
		}
	}
}

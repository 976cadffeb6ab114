import { APIError } from "better-auth/api";
import { apiKeyOrganizationError } from "./error-codes";

/**
 * @better-auth/api-key 1.6.17+ claims a request's use of a key in up to three
 * writes of the key's row: a guarded decrement of `remaining` (or a refill), a
 * guarded rate-limit write, then `updatedAt`. Each is an autocommit. Here the
 * same guards and the same end values go into one guarded write; when it
 * matches no row (a guard lost a race, the quota is spent, the limit reached,
 * the key deleted), upstream's own claim runs from the start and answers as it
 * always did. The one write can only succeed where upstream's sequence would
 * have, and with the row upstream's sequence would have left.
 */

/** The columns of the api-key row the claim reads. */
export interface UsageCountedKey {
	id: string;
	remaining: number | null;
	refillInterval: number | null;
	refillAmount: number | null;
	lastRefillAt: Date | string | null;
	createdAt: Date | string;
}

/** What upstream's `evaluateRateLimit` decides for the key as read. */
export type RateLimitDecision =
	| { type: "skip"; lastRequest: Date | null }
	| { type: "start"; now: Date }
	| { type: "reset"; now: Date; windowStart: Date }
	| { type: "increment"; now: Date; max: number; windowStart: Date }
	| { type: "deny" };

type Guard = { field: string; value: unknown; operator?: "eq" | "gt" | "lt" | "lte" };

interface IncrementingAdapter {
	incrementOne<T>(query: { model: string; where: Guard[]; increment: Record<string, number>; set: Record<string, unknown> }): Promise<T | null>;
}

export interface UsageClaim<K extends UsageCountedKey, O> {
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

/** One guarded write holding upstream's three: its guards, its increments, its values. */
function oneWrite(key: UsageCountedKey, decision: Exclude<RateLimitDecision, { type: "deny" }>) {
	const now = new Date();
	const where: Guard[] = [{ field: "id", value: key.id }];
	const increment: Record<string, number> = {};
	const set: Record<string, unknown> = { updatedAt: now };
	if (key.remaining !== null) {
		if (refillIsDue(key, now)) {
			where.push({ field: "lastRefillAt", value: key.lastRefillAt });
			Object.assign(set, { remaining: key.refillAmount - 1, lastRefillAt: now });
		} else {
			where.push({ field: "remaining", operator: "gt", value: 0 });
			increment.remaining = -1;
		}
	}
	switch (decision.type) {
		case "skip":
			if (decision.lastRequest !== null) set.lastRequest = decision.lastRequest;
			break;
		case "increment":
			where.push({ field: "lastRequest", operator: "gt", value: decision.windowStart });
			where.push({ field: "requestCount", operator: "lt", value: decision.max });
			increment.requestCount = 1;
			set.lastRequest = decision.now;
			break;
		case "start":
		case "reset":
			where.push(decision.type === "start" ? { field: "lastRequest", value: null } : { field: "lastRequest", operator: "lte", value: decision.windowStart });
			Object.assign(set, { requestCount: 1, lastRequest: decision.now });
			break;
	}
	return { where, increment, set };
}

/**
 * claimUsageInDatabase: the row after this request's use of the key, in one
 * write; `upstreamClaim` (upstream's own sequence) where the one write matched
 * nothing, and for a rate limit already reached, whose refusal upstream words.
 */
export async function claimUsageInOneWrite<K extends UsageCountedKey, O>(
	ctx: { context: { adapter: IncrementingAdapter } },
	{ model, apiKey, opts, evaluateRateLimit }: UsageClaim<K, O>,
	upstreamClaim: () => Promise<K | null>,
): Promise<K | null> {
	const decision = evaluateRateLimit(apiKey, opts);
	if (decision.type === "deny") return upstreamClaim();
	const claimed = await ctx.context.adapter.incrementOne<K>({ model, ...oneWrite(apiKey, decision) });
	return claimed ?? upstreamClaim();
}

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

interface UpdatingAdapter {
	id?: string;
	options?: { type?: string };
	update<T>(query: UsageUpdate): Promise<T | null>;
}

interface UsageOptions {
	deferUpdates?: boolean;
	storage?: string;
}

/**
 * Where a guarded update answers null for a lost race: better-auth's built-in
 * Kysely adapter on SQLite and PostgreSQL (UPDATE … RETURNING). Elsewhere it
 * cannot tell: Prisma throws, Kysely on MySQL re-reads the row by id, Drizzle
 * on MySQL by the new values. Those, deferred updates and the secondary-storage
 * modes (whose read comes from the cache) keep upstream's write.
 */
function canCompareAndSet(adapter: UpdatingAdapter, opts: UsageOptions): boolean {
	const returnsRows = adapter.id === "kysely" && (adapter.options?.type === "sqlite" || adapter.options?.type === "postgres");
	return returnsRows && !opts.deferUpdates && (opts.storage ?? "database") === "database";
}

interface UsageUpdate {
	model: string;
	where: Guard[];
	update: Record<string, unknown>;
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
	ctx: { context: { adapter: UpdatingAdapter } },
	observed: UsageRow,
	opts: UsageOptions,
	query: UsageUpdate,
): Promise<R | null> {
	const adapter = ctx.context.adapter;
	const guards = guardsOf(observed, query.update);
	if (!guards.length || !canCompareAndSet(adapter, opts)) return adapter.update<R>(query);
	// Not updateMany, which would say how many rows changed: 1.4.0's counts every UPDATE as one.
	const updated = await adapter.update<R>({ ...query, where: [...query.where, ...guards] });
	if (!updated) throw new LostUsageClaim();
	return updated;
}

/** Every request gets through in at most as many rounds as requests race for the key; this bound is far above. */
const MOST_USAGE_CLAIM_ROUNDS = 100;

/** Runs upstream's validateApiKey again, from its read of the key, while its claim of the key's use loses a race. */
export async function retryLostUsageClaims<T>(validate: () => Promise<T>): Promise<T> {
	for (let round = 1; ; round++) {
		try {
			return await validate();
		} catch (error) {
			if (!(error instanceof LostUsageClaim)) throw error;
			if (round === MOST_USAGE_CLAIM_ROUNDS) throw new APIError("TOO_MANY_REQUESTS", apiKeyOrganizationError("API_KEY_USAGE_CONTENDED"));
		}
	}
}

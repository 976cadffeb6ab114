import { APIError } from "better-auth/api";
import { apiKeyOrganizationError } from "./error-codes";

/** A condition of a guarded write: the column still equals what the request read. */
export type Guard = { field: string; value: unknown };

export interface UsageUpdate {
	model: string;
	where: Guard[];
	update: Record<string, unknown>;
}

export interface GuardedAdapter {
	id?: string;
	options?: { type?: string };
	update<T>(query: UsageUpdate): Promise<T | null>;
	updateMany(query: UsageUpdate): Promise<number>;
	findOne<T>(query: { model: string; where: Guard[] }): Promise<T | null>;
}

export interface UsageOptions {
	deferUpdates?: boolean;
	storage?: string;
}

/**
 * Where a guarded write can tell a lost race (guardedUpdate): better-auth's
 * built-in Kysely adapter on SQLite, PostgreSQL and MySQL. Elsewhere it cannot:
 * Prisma throws, Drizzle on MySQL re-reads the row by the new values. Those,
 * and deferred updates, keep upstream's writes.
 */
export function canCompareAndSet(adapter: GuardedAdapter, opts: UsageOptions): boolean {
	const type = adapter.options?.type;
	return adapter.id === "kysely" && (type === "sqlite" || type === "postgres" || type === "mysql") && !opts.deferUpdates;
}

/**
 * The row a guarded update wrote, or null when its guards no longer held.
 * SQLite and PostgreSQL answer with UPDATE … RETURNING. MySQL has no RETURNING,
 * and the adapter's update re-reads the row by id whether it changed or not
 * (up to 1.6.x): there the rows updateMany counts tell, then the row is read.
 * Between the two another request may delete it (one that finds a key's quota
 * spent deletes the key): the write still won, and `asRead` with the update
 * applied is the row it left.
 */
export async function guardedUpdate<T>(adapter: GuardedAdapter, query: UsageUpdate, asRead?: T): Promise<T | null> {
	if (adapter.id !== "kysely" || adapter.options?.type !== "mysql") return adapter.update<T>(query);
	if ((await adapter.updateMany(query)) === 0) return null;
	const row = await adapter.findOne<T>({ model: query.model, where: query.where.filter((guard) => guard.field === "id") });
	return row ?? (asRead === undefined ? null : { ...asRead, ...query.update });
}

/** Every request gets through in at most as many rounds as requests race for the key; this bound is far above. */
export const MOST_USAGE_CLAIM_ROUNDS = 100;

export const usageContended = () => new APIError("TOO_MANY_REQUESTS", apiKeyOrganizationError("API_KEY_USAGE_CONTENDED"));

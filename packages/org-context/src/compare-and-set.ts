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
	findOne<T>(query: { model: string; where: Guard[] }): Promise<T | null>;
}

export interface UsageOptions {
	deferUpdates?: boolean;
	storage?: string;
}

/**
 * Where a guarded update answers null for a lost race: better-auth's built-in
 * Kysely adapter on SQLite and PostgreSQL (UPDATE … WHERE <guards> RETURNING).
 * Elsewhere it cannot tell: Prisma throws, Kysely on MySQL re-reads the row by
 * id, Drizzle on MySQL by the new values. Those, and deferred updates, keep
 * upstream's writes.
 */
export function canCompareAndSet(adapter: GuardedAdapter, opts: UsageOptions): boolean {
	const returnsRows = adapter.id === "kysely" && (adapter.options?.type === "sqlite" || adapter.options?.type === "postgres");
	return returnsRows && !opts.deferUpdates;
}

/** Every request gets through in at most as many rounds as requests race for the key; this bound is far above. */
export const MOST_USAGE_CLAIM_ROUNDS = 100;

export const usageContended = () => new APIError("TOO_MANY_REQUESTS", apiKeyOrganizationError("API_KEY_USAGE_CONTENDED"));

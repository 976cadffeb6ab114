// Observes calls against whole-database snapshots and reports what the suite forbids:
// a 5xx, a write on a refused call, a write to another tenant, a tenant's secret shown.
import type { TestAuth } from "../support/auth";
import type { Reply } from "../support/call";
import { changedTables, type IgnoredColumns, restoreTables, type Snapshot, serializedRows, snapshotTables } from "../support/snapshot";
import { leakedSecrets, secretsOf, type Tenant } from "./tenants";

/**
 * Columns that change on requests that write nothing else, by design:
 * - apikey lastRequest, requestCount, updatedAt: the api-key plugin counts every
 *   request made with a key (its usage and rate-limit bookkeeping);
 * - session updatedAt: on a refused call, upstream clears a cookie session's active
 *   organization when its user is not a member, which rewrites the row even when
 *   nothing was active. activeOrganizationId itself stays compared.
 */
export const BOOKKEEPING_COLUMNS: IgnoredColumns = {
	apikey: ["lastRequest", "requestCount", "updatedAt"],
	session: ["updatedAt"],
};

export interface Observation {
	reply: Reply;
	/** A 5xx: every bad input must get a clear 4xx. */
	serverError: boolean;
	/** Tables the call changed (bookkeeping columns aside). */
	changed: string[];
	/** A refused or failed call (4xx or 5xx) that changed a table. */
	partialWrite: boolean;
	/** Rows of a foreign tenant the call changed, added or removed. */
	foreignWrites: string[];
	/** Foreign secrets the response shows that the request did not carry. */
	leaks: string[];
}

function idsOf(t: Tenant): string[] {
	return [t.id, t.team.id, t.memberId, t.ownerMemberId, t.invitation.id, t.role.id, t.owner.id, t.member.id];
}

/** Rows naming one of the tenants' objects, serialized. */
function rowsOf(snapshot: Snapshot, tenants: Tenant[]): Set<string> {
	const ids = tenants.flatMap(idsOf);
	const rows = new Set<string>();
	for (const table of Object.keys(snapshot)) {
		for (const row of serializedRows(snapshot, table)) if (ids.some((id) => row.includes(`"${id}"`))) rows.add(row);
	}
	return rows;
}

function symmetricDifference(a: Set<string>, b: Set<string>): string[] {
	return [...[...a].filter((r) => !b.has(r)), ...[...b].filter((r) => !a.has(r))];
}

/**
 * Observes calls on a world that it puts back as it was after every call that
 * changed it, so each call meets the same world. The snapshot after one call is
 * the snapshot before the next: one snapshot per call.
 */
export async function createObserver(auth: TestAuth) {
	const pristine = await snapshotTables(auth);
	const pristineView = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
	let current = pristineView;
	return async function observe(foreign: Tenant[], request: unknown, call: () => Promise<Reply>): Promise<Observation> {
		const before = current;
		const reply = await call();
		const after = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
		const changed = changedTables(before, after);
		current = after;
		if (changed.length) {
			await restoreTables(auth, pristine);
			current = pristineView;
		}
		return {
			reply,
			serverError: reply.status >= 500,
			changed,
			partialWrite: reply.status >= 400 && changed.length > 0,
			foreignWrites: changed.length ? symmetricDifference(rowsOf(before, foreign), rowsOf(after, foreign)) : [],
			leaks: leakedSecrets(foreign.flatMap(secretsOf), request, reply.body),
		};
	};
}

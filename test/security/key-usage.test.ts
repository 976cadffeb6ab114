// A key's own limits under bursts of parallel requests, and the row one request
// leaves behind. The patch claims a key's use in one compare-and-set write on
// every release (upstream: one unguarded write up to 1.6.16, up to three guarded
// ones since): the quota (`remaining`, refills) and the key's rate limit must
// hold exactly, and one request must leave the row as upstream leaves it.
import { beforeAll, describe, expect, test } from "vitest";
import type { TestAuth } from "../support/auth";
import { api, type Reply } from "../support/call";
import { unpatched } from "../support/expect";
import { comparisonUnavailable, importUnpatched } from "../support/unpatched";
import { expectOk, type Person, signUp } from "../support/world";

/** Requests sent at once; the limits below are smaller, so some must be refused. */
const PARALLEL = 16;
const QUOTA = 5;
const RATE_LIMIT_MAX = 4;
const HOUR = 3_600_000;
/** The plugin's rate limit on, with a default no key below reaches. */
const RATE_LIMITED_PLUGIN = { rateLimit: { enabled: true, timeWindow: HOUR, maxRequests: 1_000 } };

interface UsageWorld {
	auth: TestAuth;
	bob: Person;
}

async function createUsageWorld(createTestAuth: typeof import("../support/auth").createTestAuth): Promise<UsageWorld> {
	const auth = await createTestAuth(undefined, [], RATE_LIMITED_PLUGIN);
	return { auth, bob: await signUp(auth, "bob") };
}

/** A key with server-only settings (quota, refill, rate limit), as the app's server creates one. */
async function serverKey(w: UsageWorld, settings: Record<string, unknown>) {
	const created = expectOk(await api(w.auth, "createApiKey", { body: { userId: w.bob.id, ...settings } }), "createApiKey");
	return { id: created.id as string, headers: new Headers({ "x-api-key": created.key }) };
}

async function keyRow(w: UsageWorld, id: string) {
	const context = await w.auth.$context;
	return context.adapter.findOne<Record<string, unknown>>({ model: "apikey", where: [{ field: "id", value: id }] });
}

const useKey = (w: UsageWorld, headers: Headers) => api(w.auth, "getSession", { headers });

/**
 * The answers by outcome. Refusals by code: their status is upstream's (RATE_LIMITED is 401 up to
 * 1.6.16, 429 since), and must be a 4xx.
 */
function tally(replies: Reply[]) {
	const outcomes: Record<string, number> = {};
	for (const r of replies) {
		expect(r.status, JSON.stringify(r.body)).toBeLessThan(500);
		const outcome = r.status === 200 ? (r.body?.user ? "session" : "no session") : `refused ${r.body?.code}`;
		outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
	}
	return outcomes;
}

describe("a key's limits under parallel requests", () => {
	let w: UsageWorld;
	beforeAll(async () => {
		w = await createUsageWorld((await import("../support/auth")).createTestAuth);
	});

	test(`${PARALLEL} parallel requests on a key with remaining: ${QUOTA} succeed exactly ${QUOTA} times`, async () => {
		const key = await serverKey(w, { remaining: QUOTA });
		const replies = await Promise.all(Array.from({ length: PARALLEL }, () => useKey(w, key.headers)));
		// The request that finds the quota spent deletes the key; those after it find no key (as upstream).
		const { session, "refused USAGE_EXCEEDED": exceeded = 0, "refused INVALID_API_KEY": deleted = 0, ...other } = tally(replies);
		expect({ session, refused: exceeded + deleted, other }).toEqual({ session: QUOTA, refused: PARALLEL - QUOTA, other: {} });
		expect(exceeded).toBeGreaterThan(0);
		const row = await keyRow(w, key.id);
		expect(row === null || row.remaining === 0, `remaining after the burst: ${row?.remaining}`).toBe(true);
	});

	// A refill writes remaining = refillAmount - 1 whatever it read: with one unit left before the refill,
	// and no rate-limit count to tell the writes apart, only lastRefillAt shows that another request refilled.
	test(`${PARALLEL} parallel requests on a key whose refill is due succeed exactly refillAmount times`, async () => {
		const key = await serverKey(w, { remaining: QUOTA - 1, refillAmount: QUOTA, refillInterval: HOUR, rateLimitEnabled: false });
		const context = await w.auth.$context;
		await context.adapter.update({ model: "apikey", where: [{ field: "id", value: key.id }], update: { lastRefillAt: new Date(Date.now() - 2 * HOUR) } });
		const replies = await Promise.all(Array.from({ length: PARALLEL }, () => useKey(w, key.headers)));
		expect(tally(replies)).toEqual({ session: QUOTA, "refused USAGE_EXCEEDED": PARALLEL - QUOTA });
		expect((await keyRow(w, key.id))?.remaining).toBe(0);
	});

	test(`${PARALLEL} parallel requests on a key limited to ${RATE_LIMIT_MAX} an hour succeed exactly ${RATE_LIMIT_MAX} times`, async () => {
		const key = await serverKey(w, { rateLimitEnabled: true, rateLimitMax: RATE_LIMIT_MAX, rateLimitTimeWindow: HOUR });
		const replies = await Promise.all(Array.from({ length: PARALLEL }, () => useKey(w, key.headers)));
		expect(tally(replies)).toEqual({ session: RATE_LIMIT_MAX, "refused RATE_LIMITED": PARALLEL - RATE_LIMIT_MAX });
		expect((await keyRow(w, key.id))?.requestCount).toBe(RATE_LIMIT_MAX);
	});
});

/** A row's usage columns, its times as what one request did to them, so two databases' rows compare. */
function usageOf(before: Record<string, unknown>, after: Record<string, unknown> | null) {
	if (!after) return null;
	const time = (field: string) => {
		const [b, a] = [before[field], after[field]].map((t) => (t == null ? null : new Date(t as string).getTime()));
		return a === null ? null : a === b ? "unchanged" : a > (b ?? 0) ? "advanced" : "moved back";
	};
	return {
		remaining: after.remaining,
		requestCount: after.requestCount,
		lastRequest: time("lastRequest"),
		lastRefillAt: time("lastRefillAt"),
		updatedAt: time("updatedAt"),
	};
}

type Setup = { settings: Record<string, unknown>; before?: (w: UsageWorld, key: { id: string; headers: Headers }) => Promise<unknown> };
const pastRefill = async (w: UsageWorld, key: { id: string }) =>
	(await w.auth.$context).adapter.update({ model: "apikey", where: [{ field: "id", value: key.id }], update: { lastRefillAt: new Date(Date.now() - 2 * HOUR) } });
const oneUse = (w: UsageWorld, key: { headers: Headers }) => useKey(w, key.headers);

const setups: [string, Setup][] = [
	["a key without limits", { settings: {} }],
	["a key with a quota", { settings: { remaining: QUOTA } }],
	["a key with its last unit of quota", { settings: { remaining: 1 } }],
	["a key whose refill is due", { settings: { remaining: 0, refillAmount: QUOTA, refillInterval: HOUR }, before: pastRefill }],
	["a key's first request in its rate-limit window", { settings: { rateLimitEnabled: true, rateLimitMax: RATE_LIMIT_MAX, rateLimitTimeWindow: HOUR } }],
	["a key's next request in its window", { settings: { rateLimitEnabled: true, rateLimitMax: RATE_LIMIT_MAX, rateLimitTimeWindow: HOUR }, before: oneUse }],
	["a key with a quota and a rate limit", { settings: { remaining: QUOTA, rateLimitEnabled: true, rateLimitMax: RATE_LIMIT_MAX, rateLimitTimeWindow: HOUR }, before: oneUse }],
];

describe.skipIf(unpatched || comparisonUnavailable)("one request leaves the key's row as upstream leaves it", () => {
	let patched: UsageWorld;
	let upstream: UsageWorld;
	beforeAll(async () => {
		patched = await createUsageWorld((await import("../support/auth")).createTestAuth);
		upstream = await importUnpatched(async () => createUsageWorld((await import("../support/auth")).createTestAuth));
	});

	test.each(setups)("%s", async (_, { settings, before }) => {
		const outcome = async (w: UsageWorld) => {
			const key = await serverKey(w, settings);
			await before?.(w, key);
			const row = (await keyRow(w, key.id)) as Record<string, unknown>;
			// a clock tick, so that a time this request writes differs from the one before
			await new Promise((resolve) => setTimeout(resolve, 5));
			const reply = await useKey(w, key.headers);
			return { status: reply.status, code: reply.body?.code, usage: usageOf(row, await keyRow(w, key.id)) };
		};
		const [fixed, published] = [await outcome(patched), await outcome(upstream)];
		expect(fixed.status).toBe(200);
		expect(fixed).toEqual(published);
	});
});

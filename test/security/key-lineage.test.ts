// Lineage: a key bound to an organization never mints a key, or changes one
// (itself included), beyond its own limits: remaining requests, expiry, rate
// limit. Generated: create and update × each limit × within and
// beyond. Keys made by a cookie session or the server, and unbound keys, are
// unchanged. Upstream, and the patch before this rule, let a key with
// `remaining: 3` and a week's expiry mint a key with neither, and extend itself.
import { beforeAll, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api, type Reply } from "../support/call";
import { expectFixed, patchOnly } from "../support/expect";
import { changedTables, snapshotTables } from "../support/snapshot";
import { addMember, createOrganization, type Person, signUp } from "../support/world";
import { BOOKKEEPING_COLUMNS } from "./guard";
import { quietBetterAuthLogger } from "./quiet";

const DAY = 24 * 60 * 60;
/** The configuration's rate limit: what a key made without one gets. */
const DEFAULT_RATE_LIMIT = { enabled: true, maxRequests: 1000, timeWindow: 60_000 };

let auth: TestAuth;
let alice: Person;
let acme: { id: string };
quietBetterAuthLogger();

beforeAll(async () => {
	auth = await createTestAuth(undefined, [], { rateLimit: DEFAULT_RATE_LIMIT });
	alice = await signUp(auth, "alice");
	acme = await createOrganization(auth, alice, "acme");
	await addMember(auth, acme.id, await signUp(auth, "bob"));
});

/** A key of Alice's bound to acme, made by the server with these limits. */
async function parentKey(limits: Record<string, unknown>) {
	const created = await api(auth, "createApiKey", { body: { userId: alice.id, organizationId: acme.id, ...limits } });
	expect(created.status).toBe(200);
	return { id: created.body.id as string, headers: new Headers({ "x-api-key": created.body.key }) };
}

/** A key's use of itself counts down its own `remaining` too: not a write by the endpoint. */
const KEY_USE = { ...BOOKKEEPING_COLUMNS, apikey: [...BOOKKEEPING_COLUMNS.apikey, "remaining"] };

async function withWrites(call: () => Promise<Reply>) {
	const before = await snapshotTables(auth, KEY_USE);
	const reply = await call();
	return { reply, changed: changedTables(before, await snapshotTables(auth, KEY_USE)) };
}

function expectBeyondItsLimits(result: { reply: Reply; changed: string[] }) {
	expectFixed(result, {
		fixed: (r) => {
			expect(r.reply).toMatchObject({ status: 403, body: { code: "API_KEY_EXCEEDS_ITS_OWN_LIMITS" } });
			expect(r.changed).toEqual([]);
		},
		upstream: (r) => expect(r.reply.status).toBe(200),
	});
}

/** Parents, each with one limit, and children asked of them: [case, parent's limits, child's body, within]. */
const CREATE_CASES: [string, Record<string, unknown>, Record<string, unknown>, boolean][] = [
	["remaining 3: a child with no quota", { remaining: 3 }, {}, false],
	["a week's expiry: a child that expires in two days", { expiresIn: 7 * DAY }, { expiresIn: 2 * DAY }, true],
	["a week's expiry: a child that expires in a year", { expiresIn: 7 * DAY }, { expiresIn: 365 * DAY }, false],
	["a week's expiry: a child that never expires", { expiresIn: 7 * DAY }, {}, false],
	["10 requests a minute: a child with the configuration's 1000", { rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 }, {}, false],
	["the configuration's rate limit: a child with the same", {}, {}, true],
	["no limit at all: a child with none", { rateLimitEnabled: false }, {}, true],
];

/**
 * A child within its parent's limits through the configuration's rate limit, which the
 * child takes when it sets none: the plugin cannot read the configuration, and refuses it.
 */
const withinByTheConfiguration = ([, limits, child, within]: (typeof CREATE_CASES)[number]) =>
	within && limits.rateLimitEnabled !== false && child.rateLimitEnabled === undefined;

describe("creating a key with a bound key", () => {
	const createsWithin = async (_case: string, limits: Record<string, unknown>, child: Record<string, unknown>, within: boolean) => {
		const parent = await parentKey(limits);
		const result = await withWrites(() => api(auth, "createApiKey", { headers: parent.headers, body: { name: "child", ...child } }));
		if (within) expect(result.reply.status).toBe(200);
		else expectBeyondItsLimits(result);
	};
	test.each(CREATE_CASES.filter((c) => !withinByTheConfiguration(c)))("parent with %s", createsWithin);
	patchOnly("the api-key configuration's defaults, which no plugin reads").each(CREATE_CASES.filter(withinByTheConfiguration))("parent with %s", createsWithin);
});

describe("updating a key with a bound key", () => {
	test.each([
		["shortens its own expiry", { expiresIn: 2 * DAY }, true],
		["extends its own expiry", { expiresIn: 30 * DAY }, false],
		["removes its own expiry", { expiresIn: null }, false],
	] as const)("a key that expires in a week %s", async (_case, body, within) => {
		const parent = await parentKey({ expiresIn: 7 * DAY });
		const result = await withWrites(() => api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: parent.id, ...body } }));
		if (within) expect(result.reply.status).toBe(200);
		else expectBeyondItsLimits(result);
	});

	test("a key that disables itself cannot enable itself again", async () => {
		const parent = await parentKey({});
		const disabled = await api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: parent.id, enabled: false } });
		expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });
		const enabled = await api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: parent.id, enabled: true } });
		expect(enabled.status).toBeGreaterThanOrEqual(400);
		const stored = await api(auth, "getApiKey", { headers: alice.cookie, query: { id: parent.id } });
		expect(stored.body.enabled).toBe(false);
	});

	test("the limits hold on another key of its organization too", async () => {
		const parent = await parentKey({ expiresIn: 7 * DAY });
		const sibling = await api(auth, "createApiKey", { headers: alice.cookie, body: { name: "sibling", organizationId: acme.id } });
		expectBeyondItsLimits(await withWrites(() => api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: sibling.body.id, expiresIn: null } })));
	});

	describe("reviving a disabled or expired key of its organization", () => {
		/** Moves a key's expiry into the past, as time would. */
		async function expireKey(keyId: string) {
			const context = await auth.$context;
			await context.adapter.update({ model: "apikey", where: [{ field: "id", value: keyId }], update: { expiresAt: new Date(Date.now() - 1_000) } });
		}

		/** A key of Alice's that Alice's cookie session made with no expiry, then disabled. */
		async function disabledKey(body: Record<string, unknown>) {
			const created = await api(auth, "createApiKey", { headers: alice.cookie, body: { name: "sibling", ...body } });
			expect((await api(auth, "updateApiKey", { headers: alice.cookie, body: { keyId: created.body.id, enabled: false } })).status).toBe(200);
			return created.body.id as string;
		}

		test("a bound key with an expiry cannot enable a sibling that has none", async () => {
			const parent = await parentKey({ expiresIn: 7 * DAY });
			const sibling = await disabledKey({ organizationId: acme.id });
			const result = await withWrites(() => api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: sibling, enabled: true } }));
			expectBeyondItsLimits(result);
		});

		test("a bound key cannot give an expired sibling without a rate limit a new expiry", async () => {
			const parent = await parentKey({ expiresIn: 7 * DAY });
			const sibling = await api(auth, "createApiKey", { body: { userId: alice.id, organizationId: acme.id, expiresIn: DAY, rateLimitEnabled: false } });
			await expireKey(sibling.body.id);
			const result = await withWrites(() => api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: sibling.body.id, expiresIn: DAY } }));
			expectBeyondItsLimits(result);
			const used = await api(auth, "getSession", { headers: new Headers({ "x-api-key": sibling.body.key }) });
			expectFixed(used, { fixed: (r) => expect(r.status).toBe(401), upstream: (r) => expect(r.body?.user?.id).toBe(alice.id) });
		});

		test("a key outside its binding is still not found, disabled or not", async () => {
			const parent = await parentKey({ expiresIn: 7 * DAY });
			const unbound = await disabledKey({});
			const reply = await api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: unbound, enabled: true } });
			expectFixed(reply, {
				// Upstream's code for a missing key: KEY_NOT_FOUND, 1.4.x API_KEY_NOT_FOUND.
				fixed: (r) => expect(r).toMatchObject({ status: 404, body: { code: expect.stringMatching(/^(API_)?KEY_NOT_FOUND$/) } }),
				// Upstream binds no key: any key of the user enables any other.
				upstream: (r) => expect(r.status).toBe(200),
			});
		});

		test("it may disable a sibling, and name an enabled one enabled", async () => {
			const parent = await parentKey({ expiresIn: 7 * DAY });
			const sibling = await api(auth, "createApiKey", { headers: alice.cookie, body: { name: "sibling", organizationId: acme.id } });
			const enabled = await api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: sibling.body.id, enabled: true } });
			expect(enabled).toMatchObject({ status: 200, body: { enabled: true } });
			const disabled = await api(auth, "updateApiKey", { headers: parent.headers, body: { keyId: sibling.body.id, enabled: false } });
			expect(disabled).toMatchObject({ status: 200, body: { enabled: false } });
		});
	});
});

describe("keys made or changed by a cookie session or the server, and unbound keys, as before", () => {
	test("a cookie session creates a key that never expires, and extends it", async () => {
		const created = await api(auth, "createApiKey", { headers: alice.cookie, body: { organizationId: acme.id } });
		expect(created.status).toBe(200);
		expect((await api(auth, "updateApiKey", { headers: alice.cookie, body: { keyId: created.body.id, expiresIn: 300 * DAY } })).status).toBe(200);
	});

	test("the server lifts a key's quota and rate limit", async () => {
		const parent = await parentKey({ remaining: 3, rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 });
		const lifted = await api(auth, "updateApiKey", { body: { keyId: parent.id, userId: alice.id, remaining: 1000, rateLimitEnabled: false } });
		expect(lifted).toMatchObject({ status: 200, body: { remaining: 1000, rateLimitEnabled: false } });
	});

	test("an unbound key with an expiry creates a key without one", async () => {
		const created = await api(auth, "createApiKey", { headers: alice.cookie, body: { expiresIn: 7 * DAY } });
		const unbound = new Headers({ "x-api-key": created.body.key });
		expect((await api(auth, "createApiKey", { headers: unbound, body: { name: "child" } })).status).toBe(200);
	});
});

// api-key metadata (enableMetadata) with a key named `__proto__`, `constructor`
// or `prototype`, at any depth: a 400 before any write, for every caller; and a
// row that already holds one (written before the patch) breaks no list, get,
// verify or request of its key. Upstream writes the row, then answers 500, and
// every later read of the user's keys is a 500 too.
import { beforeAll, describe, expect, test } from "vitest";
import fc from "fast-check";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api, http, type Reply } from "../support/call";
import { needs, prBuild, theirAnswer } from "../support/capabilities";
import { expectFixed, since } from "../support/expect";
import { changedTables, snapshotTables } from "../support/snapshot";
import { type Person, signUp } from "../support/world";
import { BOOKKEEPING_COLUMNS } from "./guard";
import { quietBetterAuthLogger } from "./quiet";

let auth: TestAuth;
let alice: Person;
quietBetterAuthLogger();

beforeAll(async () => {
	auth = await createTestAuth(undefined, [], { enableMetadata: true });
	alice = await signUp(auth, "alice");
});

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** `{ key: value }` with `key` an own property, as JSON.parse makes it from a request body. */
const own = (key: string, value: unknown) => JSON.parse(`{${JSON.stringify(key)}:${JSON.stringify(value)}}`);

/** Metadata with a prototype key at the top, nested in objects, and inside a list; with the key. */
const POISONED: [string, unknown, string][] = PROTOTYPE_KEYS.flatMap((key) => [
	[`${key} at the top`, own(key, { isAdmin: true }), key],
	[`${key} two levels down`, { team: { settings: own(key, { polluted: 1 }) } }, key],
	[`${key} inside a list`, { tags: [own(key, "x")] }, key],
]);

/**
 * What upstream answers: its strict read of the row it wrote throws on a
 * `__proto__` key (a 500 after the write), and up to 1.7.14 on any
 * `constructor` key; it stores and serves a `prototype` key.
 */
const upstreamStatus = (key: string) => (key === "__proto__" || (key === "constructor" && !since("1.7.15")) ? 500 : 200);

const callers: [string, () => Headers][] = [
	["the owner's cookie session", () => alice.cookie],
	["the owner's API key", () => alice.key],
];


/**
 * Pull request 08 keeps upstream's acceptance of such metadata and makes its strict read of the row lenient:
 * the key is stored and served, never a 500. It leaves a 400 on input to the maintainers (its PR.md); the patch set does both.
 */
const STORED_AND_SERVED = "stored, and served by 08's lenient read; a 400 on input is left to the maintainers";

/** The patch set's 400 before any write (`code`: with this code), or the pull requests' write of the key as sent. */
function expectRefusedOrStored(r: { reply: Reply; changed: string[] }, code: string | undefined = "API_KEY_METADATA_HAS_RESERVED_KEY") {
	if (prBuild) {
		expect(r.reply.status).toBe(200);
		expect(r.changed).toEqual(["apikey"]);
	} else {
		expect(r.reply).toMatchObject({ status: 400, ...(code && { body: { code } }) });
		expect(r.changed).toEqual([]);
	}
}

/** Calls, and the tables they changed, usage bookkeeping aside. */
async function withWrites(calls: () => Promise<Reply>) {
	const before = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
	const reply = await calls();
	return { reply, changed: changedTables(before, await snapshotTables(auth, BOOKKEEPING_COLUMNS)) };
}

describe.each(callers)("%s", (_caller, headers) => {
	test.each(POISONED)(theirAnswer("creating a key with metadata holding %s is a 400, nothing written", STORED_AND_SERVED), async (_name, metadata, key) => {
		const created = await withWrites(() => http(auth, "POST", "/api-key/create", { headers: headers(), body: { name: "poisoned", metadata } }));
		expectFixed(created, {
			fixed: expectRefusedOrStored,
			upstream: (r) => {
				expect(r.reply.status).toBe(upstreamStatus(key));
				expect(r.changed, "upstream writes the key").toEqual(["apikey"]);
			},
		});
	});

	test.each(POISONED)(theirAnswer("updating a key's metadata to one holding %s is a 400, nothing written", STORED_AND_SERVED), async (_name, metadata, key) => {
		const target = await api(auth, "createApiKey", { headers: alice.cookie, body: { name: "target" } });
		const updated = await withWrites(() =>
			http(auth, "POST", "/api-key/update", { headers: headers(), body: { keyId: target.body.id, metadata } }),
		);
		expectFixed(updated, {
			fixed: expectRefusedOrStored,
			upstream: (r) => {
				expect(r.reply.status).toBe(upstreamStatus(key));
				expect(r.changed, "upstream writes the metadata").toEqual(["apikey"]);
			},
		});
	});
});

test(theirAnswer("the server's own auth.api is refused alike", STORED_AND_SERVED), async () => {
	const reply = await withWrites(() => api(auth, "createApiKey", { body: { userId: alice.id, metadata: own("__proto__", { isAdmin: true }) } }));
	expectFixed(reply, {
		fixed: expectRefusedOrStored,
		upstream: (r) => expect(r.reply.status).toBe(500),
	});
});

test("metadata with ordinary keys, nested and in lists, is stored as sent", async () => {
	const metadata = { plan: "pro", team: { settings: { proto: 1, constructorName: "x" } }, tags: [{ a: 1 }] };
	const created = await http(auth, "POST", "/api-key/create", { headers: alice.cookie, body: { metadata } });
	expect(created).toMatchObject({ status: 200, body: { metadata } });
});

test(theirAnswer("fuzz: metadata holding a prototype key anywhere is a 400, never a 500, nothing written", STORED_AND_SERVED), async () => {
	const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
	const tree = fc.letrec((tie) => ({
		node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 8 }), tie("node"), { maxKeys: 3 })),
	})).node;
	/** Puts `key` somewhere in `value`: at its top when it is an object, else in an object around it. */
	const poison = (value: unknown, key: string, depth: number): unknown => {
		if (depth === 0 || value === null || typeof value !== "object") return { ...own(key, value), inner: value };
		if (Array.isArray(value)) return [...value, poison(null, key, depth - 1)];
		const [first] = Object.keys(value);
		return first === undefined ? own(key, {}) : { ...value, [first]: poison((value as Record<string, unknown>)[first], key, depth - 1) };
	};
	await fc.assert(
		fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 8 }), tree, { maxKeys: 3 }), fc.constantFrom(...PROTOTYPE_KEYS), fc.nat(4), async (base, key, depth) => {
			const metadata = poison(base, key, depth);
			const created = await withWrites(() => http(auth, "POST", "/api-key/create", { headers: alice.cookie, body: { metadata } }));
			expectFixed(created, {
				fixed: (r) => expectRefusedOrStored(r, undefined),
				upstream: (r) => expect(r.reply.status).toBe(upstreamStatus(key)),
			});
		}),
		{ numRuns: 40, seed: 2026 },
	);
});


describe("a key whose row already holds such metadata (written before the patch)", () => {
	let owner: Person;
	let poisoned: { id: string; key: Headers; raw: string };
	beforeAll(async () => {
		owner = await signUp(auth, "legacy");
		const created = await api(auth, "createApiKey", { headers: owner.cookie, body: { name: "legacy" } });
		// As upstream leaves it: the row is written, then upstream's own read of it throws.
		const { adapter } = await auth.$context;
		const update = { metadata: own("__proto__", { isAdmin: true }) };
		await adapter.update({ model: "apikey", where: [{ field: "id", value: created.body.id }], update }).catch(() => null);
		poisoned = { id: created.body.id, key: new Headers({ "x-api-key": created.body.key }), raw: created.body.key };
	});

	/** Each read, and whether its answer serves the key: verifying answers 200 either way, with `valid`. */
	const reads: [string, () => Promise<Reply>, (reply: Reply) => boolean][] = [
		["its user's key list, by cookie", () => http(auth, "GET", "/api-key/list", { headers: owner.cookie }), (r) => r.status === 200],
		["its user's key list, by another key", () => http(auth, "GET", "/api-key/list", { headers: owner.key }), (r) => r.status === 200],
		["the key, by cookie", () => http(auth, "GET", "/api-key/get", { headers: owner.cookie, query: { id: poisoned.id } }), (r) => r.status === 200],
		["verifying it", () => api(auth, "verifyApiKey", { body: { key: poisoned.raw } }), (r) => r.status === 200 && r.body?.valid === true],
		["a request made with it", () => http(auth, "GET", "/get-session", { headers: poisoned.key }), (r) => r.status === 200],
	];

	test.each(reads)("%s serves it", async (_read, read, serves) => {
		const reply = await read();
		expectFixed(reply, {
			fixed: (r) => expect(serves(r), JSON.stringify(r)).toBe(true),
			// Upstream's strict read of the row throws: a 500, or for verifying, valid: false.
			upstream: (r) => expect(serves(r)).toBe(false),
		});
	});
});

describe("metadata nested deeper than any body an endpoint takes", () => {
	// Upstream writes it, then cannot serialize the answer: a 500, and every later list of the user's keys a 500.
	/** `{ a: [[[…1…]]] }`, `depth` lists deep, as JSON text. */
	const deeplyNested = (depth: number) => JSON.parse(`{"a":${"[".repeat(depth)}1${"]".repeat(depth)}}`);
	/** The call, what it wrote, and then the status of the user's key list. */
	const refusedAndListed = async (call: () => Promise<Reply>) => {
		const result = await withWrites(call);
		return { ...result, listed: (await http(auth, "GET", "/api-key/list", { headers: alice.cookie })).status };
	};
	const expectRefused = (result: { reply: Reply; changed: string[]; listed: number }) =>
		expectFixed(result, {
			fixed: (r) => {
				expect(r.reply.status).toBe(400);
				expect(r.changed).toEqual([]);
				expect(r.listed).toBe(200);
			},
			upstream: (r) => {
				expect(r.changed, "upstream writes the key").toEqual(["apikey"]);
				expect(r.listed, "then every list of the user's keys is a 500").toBe(500);
			},
		});

	needs("deepMetadata").test("from a cookie session: a 400 before any write", async () => {
		const metadata = deeplyNested(2500);
		expectRefused(await refusedAndListed(() => http(auth, "POST", "/api-key/create", { headers: alice.cookie, body: { name: "deep", metadata } })));
	});

	needs("deepMetadata").test("from the server's auth.api: a 400 before any write", async () => {
		expectRefused(await refusedAndListed(() => api(auth, "createApiKey", { body: { userId: alice.id, name: "deep", metadata: deeplyNested(2500) } })));
	});

	needs("deepMetadata").test("a row written with it before the patch is served, with no metadata", async () => {
		const owner = await signUp(auth, "deep-legacy");
		const created = await api(auth, "createApiKey", { headers: owner.cookie, body: { name: "deep-legacy" } });
		const { adapter } = await auth.$context;
		await adapter.update({ model: "apikey", where: [{ field: "id", value: created.body.id }], update: { metadata: deeplyNested(2500) } }).catch(() => null);
		const listed = await http(auth, "GET", "/api-key/list", { headers: owner.cookie });
		const read = await http(auth, "GET", "/api-key/get", { headers: owner.cookie, query: { id: created.body.id } });
		expectFixed([listed, read], {
			fixed: (replies) => {
				for (const reply of replies) expect(reply.status).toBe(200);
				expect(read.body.metadata).toBeNull();
			},
			upstream: (replies) => expect(replies.map((reply) => reply.status)).toEqual([500, 500]),
		});
	});

	test("metadata 60 levels deep is stored as sent", async () => {
		const metadata = deeplyNested(60);
		expect(await http(auth, "POST", "/api-key/create", { headers: alice.cookie, body: { metadata } })).toMatchObject({ status: 200, body: { metadata } });
	});
});

// Property-based fuzzing of every organization endpoint with an API key, through
// auth.api and over HTTP: generated bodies and queries (wrong types, huge and
// unicode strings, null bytes, nested objects, prototype keys, text that is not
// JSON). Seeded and bounded in runs and time; prints how many inputs each tried.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { TestAuth } from "../support/auth";
import type { Reply } from "../support/call";
import { has } from "../support/capabilities";
import { projectName } from "../support/expect";
import type { Person } from "../support/world";
import { type Endpoint, organizationEndpoints, send, type Transport } from "./endpoints";
import { createObserver } from "./guard";
import { hostileEntries, hostileJson, type Json, jsonText, MALFORMED_BODIES, toJson } from "./hostile-json";
import { inputFor } from "./inputs";
import { quietBetterAuthLogger } from "./quiet";
import { createTenants, type Tenant } from "./tenants";

const SEED = 2393;
const RUNS_PER_PROPERTY = 30;
/** Per endpoint and transport (about 72 properties): on a quiet machine most reach RUNS_PER_PROPERTY in 1 s, so every run tries the same seeded inputs. */
const TIME_PER_PROPERTY_MS = 3_000;
/** Fewer inputs than this, and the property was not fuzzed: it fails rather than pass on a handful (fewest seen on a loaded 2-core machine: 12). */
const MIN_RUNS_PER_PROPERTY = 10;

const t = await createTenants();
const endpoints = organizationEndpoints(t.auth);
const transports: Transport[] = ["auth.api", "HTTP"];

interface FuzzCaller {
	name: string;
	person: Person;
	headers: Headers;
	own: Tenant;
	foreign: Tenant[];
}

const callers: FuzzCaller[] = [
	{ name: "alice's key", person: t.acme.owner, headers: t.acme.owner.key, own: t.acme, foreign: [t.globex] },
	{ name: "dave's key bound to globex", person: t.dave, headers: t.daveGlobexKey, own: t.globex, foreign: [t.acme] },
].filter((caller) => has("boundKeys") || caller.headers !== t.daveGlobexKey);

/** Real identifiers, so generated inputs also reach past validation into the lookups. */
const identifiers = [t.acme, t.globex].flatMap((o) => [o.id, o.slug, o.team.id, o.memberId, o.invitation.id, o.role.name]);

type Shape = { mutated: [string, Json][] } | { any: Json } | { malformed: string };

function shapes(endpoint: Endpoint): fc.Arbitrary<Shape> {
	const keys = [...endpoint.fields, "organizationId", "data"];
	return fc.oneof(
		{ weight: 6, arbitrary: hostileEntries(identifiers, keys).map((mutated): Shape => ({ mutated })) },
		{ weight: 3, arbitrary: hostileJson(identifiers, keys).map((any): Shape => ({ any })) },
		{ weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES).map((malformed): Shape => ({ malformed })) },
	);
}

/** The input as text: a valid input for the caller's organization with fields overridden, or anything. */
function textOf(endpoint: Endpoint, caller: FuzzCaller, shape: Shape): string {
	if ("malformed" in shape) return shape.malformed;
	if ("any" in shape) return jsonText(shape.any);
	const valid = inputFor(endpoint, { organizationId: caller.own.id, objects: caller.own, caller: caller.person });
	const base = toJson(valid[endpoint.input]);
	// Later duplicates win in JSON.parse: the override is what the endpoint sees.
	return jsonText({ object: [...("object" in base ? base.object : []), ...shape.mutated] });
}

function parsed(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/** A request to auth.handler carrying the text as it is: no serializer in between. */
async function rawHttp(auth: TestAuth, endpoint: Endpoint, headers: Headers, text: string): Promise<Reply> {
	const url = new URL(`/api/auth${endpoint.path}`, "http://localhost:3000");
	const h = new Headers(headers);
	h.set("origin", "http://localhost:3000");
	let body: string | undefined;
	if (endpoint.method === "POST") {
		h.set("content-type", "application/json");
		body = text;
	} else {
		const value = parsed(text);
		if (value && typeof value === "object" && !Array.isArray(value)) {
			for (const [k, v] of Object.entries(value)) url.searchParams.append(k, typeof v === "string" ? v : JSON.stringify(v));
		} else url.search = text;
	}
	const response = await auth.handler(new Request(url, { method: endpoint.method, headers: h, body }));
	const reply = await response.text();
	return { status: response.status, body: parsed(reply) };
}

const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).map((n) => [n, (Object.prototype as any)[n]]);
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const tried = new Map<string, number>();

quietBetterAuthLogger();
const observe = await createObserver(t.auth);

async function tryInput(endpoint: Endpoint, transport: Transport, caller: FuzzCaller, text: string) {
	const o = await observe(caller.foreign, parsed(text), () =>
		transport === "HTTP"
			? rawHttp(t.auth, endpoint, caller.headers, text)
			: send(t.auth, endpoint, transport, { headers: caller.headers, [endpoint.input]: parsed(text) }),
	);
	const answer = `${caller.name} sent ${text.slice(0, 300)}: ${o.reply.status} ${JSON.stringify(o.reply.body).slice(0, 300)}`;
	expect(o.reply.status, answer).toBeLessThan(500);
	expect(o.partialWrite ? o.changed : [], `refused, yet wrote: ${answer}`).toEqual([]);
	expect(o.foreignWrites, answer).toEqual([]);
	expect(o.leaks, answer).toEqual([]);
	expect(Object.getOwnPropertyNames(Object.prototype).map((n) => [n, (Object.prototype as any)[n]])).toEqual(prototypeBefore);
}

beforeAll(() => process.on("unhandledRejection", onUnhandled));
afterAll(() => process.off("unhandledRejection", onUnhandled));

describe.each(endpoints.map((e) => [`${e.name} (${e.method} ${e.path})`, e] as const))("%s", (_name, endpoint) => {
	test.each(transports)("over %s: no 5xx, nothing written when refused, nothing of another tenant shown or changed", async (transport) => {
		const label = `${endpoint.name} ${transport}`;
		tried.set(label, 0);
		// interruptAfterTimeLimit stops fast-check waiting, not the call in flight:
		// it is awaited (and judged) before the next property starts.
		let inFlight: Promise<void> = Promise.resolve();
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...callers), shapes(endpoint), (caller, shape) => {
				tried.set(label, (tried.get(label) ?? 0) + 1);
				inFlight = tryInput(endpoint, transport, caller, textOf(endpoint, caller, shape));
				return inFlight;
			}),
			{ seed: SEED, numRuns: RUNS_PER_PROPERTY, interruptAfterTimeLimit: TIME_PER_PROPERTY_MS },
		);
		await inFlight;
		expect(tried.get(label), "inputs tried before the time limit").toBeGreaterThanOrEqual(MIN_RUNS_PER_PROPERTY);
	});
});

test("fuzzes the organization endpoints", () => {
	expect(endpoints.length).toBeGreaterThan(0);
});

test("no promise was rejected unhandled while fuzzing", () => {
	expect(unhandled).toEqual([]);
});

afterAll(() => {
	const total = [...tried.values()].reduce((a, b) => a + b, 0);
	const perTransport = transports.map(
		(tr) => `${tr} ${[...tried].filter(([l]) => l.endsWith(tr)).reduce((n, [, c]) => n + c, 0)}`,
	);
	const fewest = [...tried].sort((a, b) => a[1] - b[1])[0];
	console.log(
		`[security] fuzz ${projectName}: ${total} inputs over ${tried.size} endpoint x transport properties ` +
			`(${perTransport.join(", ")}; fewest: ${fewest?.[0]} ${fewest?.[1]}; seed ${SEED}, at least ${MIN_RUNS_PER_PROPERTY}, at most ${RUNS_PER_PROPERTY} runs or ${TIME_PER_PROPERTY_MS} ms each); ` +
			`unhandled rejections ${unhandled.length}`,
	);
});

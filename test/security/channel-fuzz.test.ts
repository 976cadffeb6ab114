// Fuzzing drawn from the channel generator's combinations (channels.test.ts), for
// every endpoint that acts on one organization: one to three of the places any
// endpoint reads, each holding the target's id or slug, one of dave's
// organizations', a repeated pair, or a hostile value; by each of dave's callers.
// Every input is sent twice, naming someone else's organization and a missing
// one, every other field the same: the two answers must be alike. Seeded and
// bounded in runs and time.
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { inputName, ORGANIZATION_ENDPOINTS } from "../../packages/org-context/src/requested-organization";
import { ORGANIZATION_ID_MAX_LENGTH } from "../../packages/org-context/src/schemas";
import { has } from "../support/capabilities";
import { projectName } from "../support/expect";
import { type Caller, createChannelWorld, identityAt, type Place, PLACES, requestWith, type Target } from "./channels";
import { attackerTransport, organizationEndpoints, send } from "./endpoints";
import { createObserver } from "./guard";
import { hostileJson, jsonText } from "./hostile-json";
import { quietBetterAuthLogger } from "./quiet";

const SEED = 2393;
const RUNS_PER_ENDPOINT = 20;
const TIME_PER_ENDPOINT_MS = 3_000;
/** Fewer combinations than this, and the endpoint was not fuzzed: it fails rather than pass on a handful (fewest seen on a loaded 2-core machine: 13). */
const MIN_RUNS_PER_ENDPOINT = 8;

quietBetterAuthLogger();
const world = await createChannelWorld();
const { t, tenants, globex, acme } = world;
const observe = await createObserver(t.auth);
const endpoints = organizationEndpoints(t.auth).filter((e) => ORGANIZATION_ENDPOINTS[e.path]);

/** What a place holds: the target (someone else's or the missing organization), one of dave's, a repeated pair, or anything. */
type Slot = "target" | "globex" | "acme" | { repeated: [Slot, Slot] } | { hostile: unknown };

const single = fc.oneof(
	fc.constantFrom<Slot>("target", "globex", "acme"),
	hostileJson([globex.id, globex.slug, acme.id], ["organizationId", "organizationSlug"]).map((json): Slot => ({ hostile: JSON.parse(jsonText(json)) })),
);
const slot: fc.Arbitrary<Slot> = fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: fc.tuple(single, single).map((repeated): Slot => ({ repeated })) });
const combination = fc.uniqueArray(fc.tuple(fc.constantFrom(...PLACES), slot), { minLength: 1, maxLength: 3, selector: ([place]) => place });

function valueOf(s: Slot, place: Place, target: Target): unknown {
	if (s === "target") return identityAt(place, target);
	if (s === "globex" || s === "acme") return identityAt(place, world[s]);
	if ("repeated" in s) return s.repeated.map((one) => valueOf(one, place, target));
	return s.hostile;
}

const isName = (value: unknown) => typeof value === "string" && value.length >= 1 && value.length <= ORGANIZATION_ID_MAX_LENGTH;

const tried = new Map<string, number>();

describe.each(endpoints.map((e) => [e.name, e] as const))("%s", (name, endpoint) => {
	const reads = ORGANIZATION_ENDPOINTS[endpoint.path].reads.map(inputName) as Place[];

	test("every combination of channels, by every caller: no 5xx, no leak, no foreign or refused write, someone else's answered as a missing one", async () => {
		tried.set(name, 0);
		let inFlight: Promise<void> = Promise.resolve();
		const check = async (caller: Caller, places: [Place, Slot][]) => {
			tried.set(name, (tried.get(name) ?? 0) + 1);
			const foreign = tenants.filter((tenant) => !caller.actsIn.includes(tenant));
			const answers: string[] = [];
			for (const target of [world.someoneElsesByName, world.missing]) {
				const named = places.map(([place, s]): [Place, unknown] => [place, valueOf(s, place, target)]);
				const request = requestWith(world, endpoint, target, named);
				const o = await observe(foreign, request, () => send(t.auth, endpoint, attackerTransport(endpoint), { headers: caller.headers, ...request }));
				const answer = `${o.reply.status} ${o.reply.body?.code ?? ""}`;
				const what = `${caller.name} naming ${target.name} by ${JSON.stringify(named).slice(0, 400)}: ${answer}`;
				expect(o.reply.status, what).toBeLessThan(500);
				expect(o.leaks, what).toEqual([]);
				expect(o.foreignWrites, what).toEqual([]);
				expect(o.partialWrite ? o.changed : [], `refused, yet wrote: ${what}`).toEqual([]);
				const ambiguous = named.length > 1 || named.some(([place]) => !reads.includes(place));
				const malformed = named.some(([, value]) => !isName(value));
				if (caller.apiKey && ((ambiguous && has("ambiguousOrganization")) || (malformed && has("organizationIdBounds"))))
					expect(answer, what).toBe("400 VALIDATION_ERROR");
				const namesOnlyItsOwn = named.every(([place, value]) => value === identityAt(place, globex));
				if (caller.bound && !namesOnlyItsOwn) expect(o.reply.status, what).toBeGreaterThanOrEqual(400);
				answers.push(answer);
			}
			expect(answers[0], `${caller.name} by ${JSON.stringify(places).slice(0, 400)}: someone else's organization told from a missing one`).toBe(answers[1]);
		};
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...world.callers), combination, (caller, places) => {
				inFlight = check(caller, places);
				return inFlight;
			}),
			{ seed: SEED, numRuns: RUNS_PER_ENDPOINT, interruptAfterTimeLimit: TIME_PER_ENDPOINT_MS },
		);
		await inFlight;
		expect(tried.get(name), "combinations tried before the time limit").toBeGreaterThanOrEqual(MIN_RUNS_PER_ENDPOINT);
	});
});

test("fuzzes the endpoints that act on one organization", () => {
	expect(endpoints.length).toBeGreaterThan(0);
});

afterAll(() => {
	const inputs = [...tried.values()].reduce((a, b) => a + b, 0);
	const fewest = [...tried].sort((a, b) => a[1] - b[1])[0];
	console.log(
		`[security] channel fuzz ${projectName}: ${inputs} combinations, each naming someone else's and a missing organization, ` +
			`over ${tried.size} endpoints (fewest: ${fewest?.[0]} ${fewest?.[1]}; seed ${SEED}, at least ${MIN_RUNS_PER_ENDPOINT}, at most ${RUNS_PER_ENDPOINT} runs or ${TIME_PER_ENDPOINT_MS} ms each)`,
	);
});

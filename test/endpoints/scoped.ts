// The rules every organization-scoped endpoint follows for an API-key caller,
// as tests generated from a small description of the endpoint.
import { expect, test } from "vitest";
import { api, type Reply } from "../support/call";
import { needs, prBuild, tellsToPass, theirAnswer } from "../support/capabilities";
import { withLogCollected } from "../support/logged";
import type { Person } from "../support/world";
import { type EndpointWorld, expectNothingWritten, type OrganizationObjects } from "./fixture";

type Input = { body?: Record<string, unknown>; query?: Record<string, unknown> };

export interface ScopedEndpoint {
	endpoint: string;
	/** Where the request names its organization: body or query, or `body.data` (updateTeam). */
	organizationIn: "body" | "query" | "body.data";
	/** The request apart from its organization, naming objects of `org`. */
	request?: (org: OrganizationObjects, w: EndpointWorld) => Input;
	/** The API-key caller: Alice, who owns `acme` and may do anything there, unless given. */
	caller?: (w: EndpointWorld) => Person;
	/** How the endpoint refuses an organization the caller is not a member of (measured). */
	refusal: { status: number; code?: string } | { status: 200; body: null };
	/** Upstream's schema requires organizationId (leave, delete): without it, a validation error. */
	organizationRequired?: boolean;
	/** The endpoint also takes `organizationSlug` (in the same place as the id). */
	slug?: boolean;
	/**
	 * Upstream's answer to a session without an active organization where it is not NO_ACTIVE_ORGANIZATION
	 * (measured on main@451aa4b): what the pull requests answer an API key that names none.
	 */
	upstreamWithoutOrganization?: { status: number; body: object | null };
}

/** Organization ids of the wrong type, rejected before any database read. */
export const MISTYPED_ORGANIZATION_IDS: [string, unknown][] = [
	["a number", 12345],
	["an object", { id: "x" }],
];

/** Organization ids out of bounds, rejected before any database read by the patch set (organizationIdBounds). */
export const OUT_OF_BOUNDS_ORGANIZATION_IDS: [string, unknown][] = [
	["empty", ""],
	["longer than 256 characters", "o".repeat(257)],
];

export const MISSING_SLUG = "no-such-organization";

function place(spec: ScopedEndpoint, input: Input, key: string, value: unknown): Input {
	if (value === undefined) return input;
	if (spec.organizationIn === "query") return { ...input, query: { ...input.query, [key]: value } };
	if (spec.organizationIn === "body.data") {
		const data = (input.body?.data ?? {}) as Record<string, unknown>;
		return { ...input, body: { ...input.body, data: { ...data, [key]: value } } };
	}
	return { ...input, body: { ...input.body, [key]: value } };
}

/** Calls the endpoint with the caller's API key, naming the organization by `key`. */
export function callScoped(w: EndpointWorld, spec: ScopedEndpoint, objects: OrganizationObjects, key: string, value: unknown) {
	const caller = (spec.caller ?? ((x) => x.alice))(w);
	const input = place(spec, spec.request?.(objects, w) ?? {}, key, value);
	return api(w.auth, spec.endpoint, { headers: caller.key, ...input });
}

const outcome = (r: Reply) => ({ status: r.status, code: r.body?.code, message: r.body?.message });

export function expectRefusedAlike(spec: ScopedEndpoint, foreign: Reply, missing: Reply) {
	expect(foreign.status).toBe(spec.refusal.status);
	if ("body" in spec.refusal) expect(foreign.body).toEqual(spec.refusal.body);
	else expect(foreign.body?.code).toBe(spec.refusal.code);
	expect(outcome(missing), "a missing organization is refused exactly like someone else's").toEqual(outcome(foreign));
}

/** What better-auth logged for each refusal, the organization named aside: the same lines for both. */
function expectLoggedAlike([foreignLog, foreignName]: [string[], string], [missingLog, missingName]: [string[], string]) {
	const named = (log: string[], name: string) => log.map((line) => line.replaceAll(name, "<organization>"));
	expect(named(missingLog, missingName), "better-auth logs a missing organization's refusal as it logs someone else's").toEqual(named(foreignLog, foreignName));
}

export function expectNoActiveOrganization(reply: Reply) {
	expect(reply).toMatchObject({
		status: 400,
		body: { code: "NO_ACTIVE_ORGANIZATION", message: tellsToPass("organizationId") },
	});
}

export function expectValidationError(reply: Reply) {
	expect(reply).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
}

/** The tests every organization-scoped endpoint gets. `world` is read when the tests run. */
export function scopedEndpointTests(world: () => EndpointWorld, spec: ScopedEndpoint) {
	test("refuses another user's organization and a missing one alike, writing nothing", async () => {
		const w = world();
		const [foreign, missing] = await expectNothingWritten(w, async () => [
			await withLogCollected(() => callScoped(w, spec, w.globex, "organizationId", w.globex.id)),
			await withLogCollected(() => callScoped(w, spec, w.globex, "organizationId", w.missingOrgId)),
		]);
		expectRefusedAlike(spec, foreign.result, missing.result);
		expectLoggedAlike([foreign.logged, w.globex.id], [missing.logged, w.missingOrgId]);
	});

	if (spec.slug) {
		test("refuses another user's organization slug and a missing one alike, writing nothing", async () => {
			const w = world();
			const [foreign, missing] = await expectNothingWritten(w, async () => [
				await withLogCollected(() => callScoped(w, spec, w.globex, "organizationSlug", w.globex.slug)),
				await withLogCollected(() => callScoped(w, spec, w.globex, "organizationSlug", MISSING_SLUG)),
			]);
			expectRefusedAlike(spec, foreign.result, missing.result);
			expectLoggedAlike([foreign.logged, w.globex.slug], [missing.logged, MISSING_SLUG]);
		});
	}

	if (spec.organizationRequired) {
		test("without organizationId: 400 VALIDATION_ERROR, as upstream requires it", async () => {
			const w = world();
			expectValidationError(await expectNothingWritten(w, () => callScoped(w, spec, w.acme, "organizationId", undefined)));
		});
	} else {
		// Pull request 01 resolves "explicit, else active" for an API key as for a cookie session and changes
		// no endpoint's own answer to a session without one: it makes NO_ACTIVE_ORGANIZATION say what to pass.
		const upstreams = prBuild ? spec.upstreamWithoutOrganization : undefined;
		const name = "without any organization: 400 NO_ACTIVE_ORGANIZATION telling the caller to pass organizationId";
		test(upstreams ? theirAnswer(name, `upstream's own ${upstreams.status} ${JSON.stringify(upstreams.body)}`) : name, async () => {
			const w = world();
			const reply = await expectNothingWritten(w, () => callScoped(w, spec, w.acme, "organizationId", undefined));
			if (upstreams) expect(reply).toEqual(upstreams);
			else expectNoActiveOrganization(reply);
		});
	}

	for (const [ids, define] of [
		[MISTYPED_ORGANIZATION_IDS, test],
		[OUT_OF_BOUNDS_ORGANIZATION_IDS, needs("organizationIdBounds").test],
	] as const) {
		for (const [name, id] of ids) {
			define(`organizationId ${name}: 400 VALIDATION_ERROR, nothing written`, async () => {
				const w = world();
				expectValidationError(await expectNothingWritten(w, () => callScoped(w, spec, w.acme, "organizationId", id)));
			});
		}
	}
}

// 500s the fuzz found in upstream better-auth, for API keys and cookie sessions
// alike, which the patch set does not fix. Each is pinned here as a failing test
// (test.fails): when a fix lands, the test reports it, and the trigger comes out of
// known-upstream-500s.ts so that the fuzz fails on it again.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { createWorld, type World } from "../support/world";
import { KNOWN_UPSTREAM_500S, type KnownUpstream500, knownUpstream500 } from "./known-upstream-500s";
import { quietBetterAuthLogger } from "./quiet";

let w: World;
beforeAll(async () => {
	w = await createWorld();
});
quietBetterAuthLogger();

const triggers: [KnownUpstream500, string, (w: World) => { query?: object; body?: object }][] = [
	["listMembers sorted or filtered by no column", "listMembers", (w) => ({ query: { organizationId: w.org.id, sortBy: "nonexistent" } })],
	["listMembers with a fractional limit or offset", "listMembers", (w) => ({ query: { organizationId: w.org.id, limit: 0.5 } })],
	["updateOrganization with nothing to update", "updateOrganization", (w) => ({ body: { organizationId: w.org.id, data: {} } })],
];

test("every known upstream 500 has a trigger here, and the fuzz recognizes it", () => {
	expect(triggers.map(([bug]) => bug).sort()).toEqual(Object.keys(KNOWN_UPSTREAM_500S).sort());
	for (const [bug, endpoint, input] of triggers) {
		const { query, body } = input(w);
		expect(knownUpstream500(endpoint, query ?? body)).toBe(bug);
	}
});

describe.each([
	["the owner's API key", (w: World) => w.alice.key],
	["the owner's cookie session", (w: World) => w.alice.cookie],
] as const)("%s", (_caller, headers) => {
	// BUG: see KNOWN_UPSTREAM_500S; every release, patched or not.
	test.fails.each(triggers)("%s is answered below 500", async (_bug, endpoint, input) => {
		const reply = await api(w.auth, endpoint, { headers: headers(w), ...input(w) });
		expect(reply.status).toBeLessThan(500);
	});
});

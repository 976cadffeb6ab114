// Inputs that upstream better-auth answers with a 500, for API keys and cookie
// sessions alike, found by the fuzz: the patch answers each with a 400.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { createWorld, type World } from "../support/world";
import { quietBetterAuthLogger } from "./quiet";

let w: World;
beforeAll(async () => {
	w = await createWorld();
});
quietBetterAuthLogger();

const triggers: [string, string, (w: World) => { query?: object; body?: object }][] = [
	["listMembers sorted by no column", "listMembers", (w) => ({ query: { organizationId: w.org.id, sortBy: "nonexistent" } })],
	["listMembers filtered by no column", "listMembers", (w) => ({ query: { organizationId: w.org.id, filterField: "false", filterValue: "x" } })],
	["listMembers with a fractional limit", "listMembers", (w) => ({ query: { organizationId: w.org.id, limit: 0.5 } })],
	["listMembers with a negative offset", "listMembers", (w) => ({ query: { organizationId: w.org.id, offset: -1 } })],
	["updateOrganization with nothing to update", "updateOrganization", (w) => ({ body: { organizationId: w.org.id, data: {} } })],
];

describe.each([
	["the owner's API key", (w: World) => w.alice.key],
	["the owner's cookie session", (w: World) => w.alice.cookie],
] as const)("%s", (_caller, headers) => {
	test.each(triggers)("%s is a 400 VALIDATION_ERROR", async (_bug, endpoint, input) => {
		const reply = await api(w.auth, endpoint, { headers: headers(w), ...input(w) });
		expect(reply).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
	});
});

test("sorting, filtering and paging by valid values still works", async () => {
	const reply = await api(w.auth, "listMembers", {
		headers: w.alice.key,
		query: { organizationId: w.org.id, sortBy: "createdAt", filterField: "role", filterValue: "member", limit: 1, offset: 0 },
	});
	expect(reply.status).toBe(200);
	expect(reply.body.members.map((m: { userId: string }) => m.userId)).toEqual([w.bob.id]);
});

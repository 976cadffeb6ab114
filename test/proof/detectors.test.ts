// Canaries: the detectors the security suites rely on (test/security/guard.ts,
// tenants.ts), each shown to fire on a deliberate violation in every run, so that a
// suite reporting "0 leaks, 0 foreign writes, 0 5xx" is known to be able to report more.
import { beforeAll, expect, test } from "vitest";
import type { Reply } from "../support/call";
import { createObserver } from "../security/guard";
import { createTenants, type Tenants } from "../security/tenants";

let t: Tenants;
let observe: Awaited<ReturnType<typeof createObserver>>;
beforeAll(async () => {
	t = await createTenants();
	observe = await createObserver(t.auth);
});

const answer = (status: number, body: unknown = {}) => async (): Promise<Reply> => ({ status, body });

/** A call that renames a row of `model` behind the endpoint's back, then answers `status`. */
const writing = (model: string, id: string, status: number) => async (): Promise<Reply> => {
	const context = await t.auth.$context;
	await context.adapter.update({ model, where: [{ field: "id", value: id }], update: { name: "written by a canary" } });
	return { status, body: {} };
};

test("a reply showing another tenant's member, team and invitation is flagged as a leak", async () => {
	const body = { members: [{ user: { email: t.globex.member.email } }], teams: [{ id: t.globex.team.id }], note: `see ${t.globex.invitation.email}` };
	const o = await observe([t.globex], {}, answer(200, body));
	expect(o.leaks.sort()).toEqual([t.globex.member.email, t.globex.team.id, t.globex.invitation.email].sort());
});

test("a secret the request carried itself is not a leak", async () => {
	const o = await observe([t.globex], { organizationId: t.globex.id }, answer(403, { organizationId: t.globex.id }));
	expect(o.leaks).toEqual([]);
});

test.each([
	["organization", () => t.globex.id],
	["team", () => t.globex.team.id],
	["user", () => t.globex.owner.id],
	["user", () => t.globex.member.id],
])("a write to another tenant's %s row is flagged as a foreign write, and put back", async (model, id) => {
	const o = await observe([t.globex], {}, writing(model, id(), 200));
	expect(o.foreignWrites.length).toBeGreaterThan(0);
	expect(o.changed).toEqual([model]);
	expect((await observe([t.globex], {}, answer(200))).changed, "the observer restored the world").toEqual([]);
});

test("a write to the caller's own tenant is not a foreign write", async () => {
	const o = await observe([t.globex], {}, writing("organization", t.acme.id, 200));
	expect(o).toMatchObject({ changed: ["organization"], foreignWrites: [], partialWrite: false });
});

test("a refused call that writes is flagged as a partial write", async () => {
	const o = await observe([t.globex], {}, writing("organization", t.acme.id, 403));
	expect(o.partialWrite).toBe(true);
});

test("a 500 is flagged as a server error, a 4xx is not", async () => {
	expect((await observe([t.globex], {}, answer(500, { message: "deliberate" }))).serverError).toBe(true);
	expect((await observe([t.globex], {}, answer(404, { code: "NOT_FOUND" }))).serverError).toBe(false);
});

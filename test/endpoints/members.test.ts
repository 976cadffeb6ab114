// Member endpoints for API-key callers: list, update role, remove, leave, and the server-only addMember.
import { beforeAll, describe, expect, test } from "vitest";
import { api, http } from "../support/call";
import { needs } from "../support/capabilities";
import { FOR_EVERY_CALLER, INSIDE_THE_ENDPOINT, patchOnly } from "../support/expect";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, freshOrganization, rows } from "./fixture";
import { expectValidationError, scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

/** The owner's key and cookie session: the oracles were upstream's, for every caller. */
const callers = [
	["the owner's API key", (x: EndpointWorld) => x.alice.key],
	["the owner's cookie session", (x: EndpointWorld) => x.alice.cookie],
] as const;
const MISSING_MEMBER_ID = "member_does_not_exist";

describe("listMembers", () => {
	scopedEndpointTests(world, {
		endpoint: "listMembers",
		organizationIn: "query",
		slug: true,
		refusal: { status: 403, code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" },
	});

	test("with organizationId or organizationSlug lists the members, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "listMembers", { headers: w.alice.cookie });
		expect(byCookie.status).toBe(200);
		expect(byCookie.body.members.map((m: { userId: string }) => m.userId).sort()).toEqual([w.alice.id, w.bob.id].sort());
		for (const query of [{ organizationId: w.acme.id }, { organizationSlug: w.acme.slug }]) {
			expect(await api(w.auth, "listMembers", { headers: w.bob.key, query })).toEqual(byCookie);
		}
	});
});

describe("updateMemberRole", () => {
	scopedEndpointTests(world, {
		endpoint: "updateMemberRole",
		organizationIn: "body",
		request: (org) => ({ body: { memberId: org.ownerMemberId, role: "admin" } }),
		refusal: { status: 400, code: "MEMBER_NOT_FOUND" },
	});

	test("with organizationId updates the member's role in that organization", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "updateMemberRole", {
			headers: w.alice.key,
			body: { memberId: org.bobMemberId, role: "admin", organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { id: org.bobMemberId, role: "admin" } });
		expect(await rows(w, "member", { id: org.bobMemberId })).toMatchObject([{ role: "admin" }]);
	});

	// Upstream answered 403 YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER for another organization's member
	// and 400 MEMBER_NOT_FOUND for a missing one: a member id of any organization could be probed.
	needs("foreignMemberIds", patchOnly(INSIDE_THE_ENDPOINT)).each(callers)("%s: a member of another organization answers as a missing member does, writing nothing", async (_caller, headers) => {
		const [foreign, missing] = await expectNothingWritten(w, async () => [
			await api(w.auth, "updateMemberRole", { headers: headers(w), body: { memberId: w.globex.ownerMemberId, role: "member", organizationId: w.acme.id } }),
			await api(w.auth, "updateMemberRole", { headers: headers(w), body: { memberId: MISSING_MEMBER_ID, role: "member", organizationId: w.acme.id } }),
		]);
		expect(foreign).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
		expect(foreign).toEqual(missing);
	});
});

describe("removeMember", () => {
	scopedEndpointTests(world, {
		endpoint: "removeMember",
		organizationIn: "body",
		request: (org) => ({ body: { memberIdOrEmail: org.ownerEmail } }),
		refusal: { status: 400, code: "MEMBER_NOT_FOUND" },
	});

	test("with organizationId removes the member from that organization only", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "removeMember", {
			headers: w.alice.key,
			body: { memberIdOrEmail: w.bob.email, organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { member: { id: org.bobMemberId } } });
		expect(await rows(w, "member", { organizationId: org.id, userId: w.bob.id })).toEqual([]);
		expect(await rows(w, "member", { organizationId: w.acme.id, userId: w.bob.id })).toHaveLength(1);
	});

	// Upstream checked the only-owner rule before the organization: another organization's owner
	// answered YOU_CANNOT_LEAVE_THE_ORGANIZATION_AS_THE_ONLY_OWNER, its other members MEMBER_NOT_FOUND.
	needs("foreignMemberIds", patchOnly(INSIDE_THE_ENDPOINT)).each(callers)("%s: a member of another organization, owner or not, answers as a missing member does, writing nothing", async (_caller, headers) => {
		const globexMember = (await rows<{ id: string }>(w, "member", { organizationId: w.globex.id })).find((m) => m.id !== w.globex.ownerMemberId);
		const answers = await expectNothingWritten(w, async () => {
			const remove = (memberIdOrEmail: string) => api(w.auth, "removeMember", { headers: headers(w), body: { memberIdOrEmail, organizationId: w.acme.id } });
			return [await remove(w.globex.ownerMemberId), ...(globexMember ? [await remove(globexMember.id)] : []), await remove(MISSING_MEMBER_ID)];
		});
		expect(answers[0]).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
		for (const answer of answers) expect(answer).toEqual(answers[0]);
	});
});

describe("leaveOrganization", () => {
	scopedEndpointTests(world, {
		endpoint: "leaveOrganization",
		organizationIn: "body",
		caller: (x) => x.bob,
		organizationRequired: true,
		refusal: { status: 400, code: "MEMBER_NOT_FOUND" },
	});

	test("with organizationId removes the caller's membership, writing no session", async () => {
		const org = await freshOrganization(w);
		const sessions = await rows(w, "session");
		const reply = await api(w.auth, "leaveOrganization", { headers: w.bob.key, body: { organizationId: org.id } });
		expect(reply).toMatchObject({ status: 200, body: { id: org.bobMemberId, userId: w.bob.id } });
		expect(await rows(w, "member", { organizationId: org.id, userId: w.bob.id })).toEqual([]);
		expect(await rows(w, "session")).toEqual(sessions);
	});
});

describe("addMember (server-only)", () => {
	test("is not served over HTTP, whatever the caller", async () => {
		const reply = await http(w.auth, "POST", "/organization/add-member", {
			headers: w.alice.key,
			body: { userId: w.carol.id, role: "member", organizationId: w.acme.id },
		});
		expect(reply.status).toBe(404);
	});

	needs("organizationIdBounds", patchOnly(FOR_EVERY_CALLER)).test("rejects an organizationId that is empty or longer than 256 characters", async () => {
		for (const organizationId of ["", "o".repeat(257)]) {
			const reply = await expectNothingWritten(w, () =>
				api(w.auth, "addMember", { body: { userId: w.carol.id, role: "member", organizationId } }),
			);
			expectValidationError(reply);
		}
	});
});

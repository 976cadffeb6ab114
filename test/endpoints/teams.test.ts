// Team endpoints for API-key callers: create, update, remove, list, and team members.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { isRelease14, since } from "../support/expect";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, freshOrganization, rows } from "./fixture";
import { scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

const teamIds = (reply: { body: { id: string }[] }) => reply.body.map((t) => t.id).sort();

describe("createTeam", () => {
	scopedEndpointTests(world, {
		endpoint: "createTeam",
		organizationIn: "body",
		request: () => ({ body: { name: "sales" } }),
		refusal: { status: 403, code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION" },
	});

	test("with organizationId creates the team in that organization", async () => {
		const reply = await api(w.auth, "createTeam", { headers: w.alice.key, body: { name: "support", organizationId: w.acme.id } });
		expect(reply).toMatchObject({ status: 200, body: { name: "support", organizationId: w.acme.id } });
		expect(await rows(w, "team", { id: reply.body.id })).toMatchObject([{ organizationId: w.acme.id }]);
	});
});

describe("updateTeam", () => {
	scopedEndpointTests(world, {
		endpoint: "updateTeam",
		// upstream reads the organization from `data.organizationId`
		organizationIn: "body.data",
		request: (org) => ({ body: { teamId: org.teamId, data: { name: "renamed" } } }),
		refusal: { status: 403, code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_TEAM" },
	});

	test("with data.organizationId renames the team of that organization", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "updateTeam", {
			headers: w.alice.key,
			body: { teamId: org.teamId, data: { name: "renamed", organizationId: org.id } },
		});
		expect(reply).toMatchObject({ status: 200, body: { id: org.teamId, name: "renamed", organizationId: org.id } });
		expect(await rows(w, "team", { id: org.teamId })).toMatchObject([{ name: "renamed" }]);
	});
});

describe("removeTeam", () => {
	scopedEndpointTests(world, {
		endpoint: "removeTeam",
		organizationIn: "body",
		request: (org) => ({ body: { teamId: org.teamId } }),
		refusal: { status: 403, code: "YOU_ARE_NOT_ALLOWED_TO_DELETE_THIS_TEAM" },
	});

	test("with organizationId removes the team of that organization", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "removeTeam", { headers: w.alice.key, body: { teamId: org.teamId, organizationId: org.id } });
		expect(reply).toMatchObject({ status: 200, body: { message: "Team removed successfully." } });
		expect(await rows(w, "team", { id: org.teamId })).toEqual([]);
	});

	test("cannot remove another organization's team through the caller's own", async () => {
		const reply = await expectNothingWritten(w, () =>
			api(w.auth, "removeTeam", { headers: w.alice.key, body: { teamId: w.globex.teamId, organizationId: w.acme.id } }),
		);
		expect(reply).toMatchObject({ status: 400, body: { code: "TEAM_NOT_FOUND" } });
	});
});

describe("listOrganizationTeams", () => {
	scopedEndpointTests(world, {
		endpoint: "listOrganizationTeams",
		organizationIn: "query",
		// the same refusal under the error-code names of each release
		refusal: {
			status: 403,
			code: isRelease14 ? "YOU_ARE_NOT_ALLOWED_TO_ACCESS_THIS_ORGANIZATION_AS_AN_OWNER" : "YOU_ARE_NOT_ALLOWED_TO_ACCESS_THIS_ORGANIZATION",
		},
	});

	test("with organizationId lists that organization's teams, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "listOrganizationTeams", { headers: w.alice.cookie });
		expect(byCookie.status).toBe(200);
		expect(teamIds(byCookie)).toContain(w.acme.teamId);
		expect(await api(w.auth, "listOrganizationTeams", { headers: w.bob.key, query: { organizationId: w.acme.id } })).toEqual(byCookie);
	});
});

describe("listUserTeams", () => {
	test("without organizationId lists the caller's teams in every organization, as the cookie session does", async () => {
		const byKey = await api(w.auth, "listUserTeams", { headers: w.alice.key });
		expect(byKey.status).toBe(200);
		expect(teamIds(byKey)).toContain(w.acme.teamId);
		expect(byKey).toEqual(await api(w.auth, "listUserTeams", { headers: w.alice.cookie }));
	});

	// Before 1.7.0 listUserTeams takes no parameters: it lists the caller's own teams whatever is passed.
	test.runIf(since("1.7.0"))("refuses another user's organization and a missing one alike, writing nothing", async () => {
		const [foreign, missing] = await expectNothingWritten(w, async () => [
			await api(w.auth, "listUserTeams", { headers: w.alice.key, query: { organizationId: w.globex.id } }),
			await api(w.auth, "listUserTeams", { headers: w.alice.key, query: { organizationId: w.missingOrgId } }),
		]);
		expect(foreign).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" } });
		expect(missing).toEqual(foreign);
	});

	test.runIf(since("1.7.0"))("with organizationId lists the caller's teams in that organization only", async () => {
		const reply = await api(w.auth, "listUserTeams", { headers: w.alice.key, query: { organizationId: w.acme.id } });
		expect(reply.status).toBe(200);
		expect(reply.body.every((t: { organizationId: string }) => t.organizationId === w.acme.id)).toBe(true);
		expect(teamIds(reply)).toContain(w.acme.teamId);
	});
});

describe("listTeamMembers", () => {
	test("lists a team of the caller's, as the cookie session does", async () => {
		const byKey = await api(w.auth, "listTeamMembers", { headers: w.alice.key, query: { teamId: w.acme.teamId } });
		expect(byKey).toMatchObject({ status: 200, body: [{ userId: w.alice.id, teamId: w.acme.teamId }] });
		expect(byKey).toEqual(await api(w.auth, "listTeamMembers", { headers: w.alice.cookie, query: { teamId: w.acme.teamId } }));
	});

	test("refuses a team of another user's organization", async () => {
		const reply = await api(w.auth, "listTeamMembers", { headers: w.alice.key, query: { teamId: w.globex.teamId } });
		expect(reply).toMatchObject({ status: 400, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_TEAM" } });
	});
});

describe("addTeamMember", () => {
	scopedEndpointTests(world, {
		endpoint: "addTeamMember",
		organizationIn: "body",
		request: (org, x) => ({ body: { teamId: org.teamId, userId: x.mallory.id } }),
		refusal: { status: 400, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
	});

	// 1.4.x upstream ignores an explicit organizationId here; the patch makes it count.
	test("honours an explicit organizationId other than any active one", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "addTeamMember", {
			headers: w.alice.key,
			body: { teamId: org.teamId, userId: w.bob.id, organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { teamId: org.teamId, userId: w.bob.id } });
		expect(await rows(w, "teamMember", { teamId: org.teamId, userId: w.bob.id })).toHaveLength(1);
	});
});

// Upstream 1.4.x reads only the active organization here, and for cookie sessions
// the patch leaves it so: a team of another organization is not found.
test.runIf(isRelease14)("1.4.x cookie session: addTeamMember acts on the active organization, as upstream", async () => {
	const org = await freshOrganization(w);
	const reply = await expectNothingWritten(w, () =>
		api(w.auth, "addTeamMember", { headers: w.alice.cookie, body: { teamId: org.teamId, userId: w.bob.id, organizationId: org.id } }),
	);
	expect(reply).toMatchObject({ status: 400, body: { code: "TEAM_NOT_FOUND" } });
});

describe("removeTeamMember", () => {
	scopedEndpointTests(world, {
		endpoint: "removeTeamMember",
		organizationIn: "body",
		request: (org, x) => ({ body: { teamId: org.teamId, userId: x.mallory.id } }),
		refusal: { status: 400, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
	});

	// 1.4.x upstream ignores an explicit organizationId here; the patch makes it count.
	test("honours an explicit organizationId other than any active one", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "removeTeamMember", {
			headers: w.alice.key,
			body: { teamId: org.teamId, userId: w.alice.id, organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { message: "Team member removed successfully." } });
		expect(await rows(w, "teamMember", { teamId: org.teamId, userId: w.alice.id })).toEqual([]);
	});
});

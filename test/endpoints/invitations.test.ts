// Invitation endpoints for API-key callers: invite, cancel, list, and the invitee's accept, reject, get, list.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { INSIDE_THE_ENDPOINT, isRelease14, patchOnly, plugin, since } from "../support/expect";
import { version } from "../support/target";
import { invite } from "../support/world";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, invitee, rows } from "./fixture";
import { scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

describe("createInvitation", () => {
	scopedEndpointTests(world, {
		endpoint: "createInvitation",
		organizationIn: "body",
		request: () => ({ body: { email: "dave@example.com", role: "member" } }),
		refusal: { status: 400, code: "MEMBER_NOT_FOUND" },
		upstreamWithoutOrganization: { status: 400, body: { message: "Organization not found", code: "ORGANIZATION_NOT_FOUND" } },
	});

	test("with organizationId invites to that organization", async () => {
		const reply = await api(w.auth, "createInvitation", {
			headers: w.alice.key,
			body: { email: "erin@example.com", role: "member", organizationId: w.acme.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { organizationId: w.acme.id, inviterId: w.alice.id, status: "pending" } });
		expect(await rows(w, "invitation", { email: "erin@example.com" })).toMatchObject([{ organizationId: w.acme.id }]);
	});

	test("refuses a team of another organization, writing nothing", async () => {
		const reply = await expectNothingWritten(w, () =>
			api(w.auth, "createInvitation", {
				headers: w.alice.key,
				body: { email: "grace@example.com", role: "member", organizationId: w.acme.id, teamId: w.globex.teamId },
			}),
		);
		expect(reply).toMatchObject({ status: 400, body: { code: "TEAM_NOT_FOUND" } });
	});
});

describe("cancelInvitation", () => {
	test("cancels an invitation of the caller's organization", async () => {
		const invitationId = await invite(w.auth, w.alice, w.acme.id, "frank@example.com");
		const reply = await api(w.auth, "cancelInvitation", { headers: w.alice.key, body: { invitationId } });
		expect(reply).toMatchObject({ status: 200, body: { id: invitationId, status: "canceled" } });
		expect(await rows(w, "invitation", { id: invitationId })).toMatchObject([{ status: "canceled" }]);
	});

	test("refuses an invitation of another user's organization, writing nothing", async () => {
		const [invitation] = await rows(w, "invitation", { organizationId: w.globex.id });
		const reply = await expectNothingWritten(w, () =>
			api(w.auth, "cancelInvitation", { headers: w.alice.key, body: { invitationId: invitation.id } }),
		);
		expect(reply).toMatchObject({ status: 400, body: { code: "MEMBER_NOT_FOUND" } });
	});
});

describe("listInvitations", () => {
	scopedEndpointTests(world, {
		endpoint: "listInvitations",
		organizationIn: "query",
		// 1.7.25 refuses with a message and no code; 1.4.x derives the code from the message.
		refusal: { status: 403, code: isRelease14 ? "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" : undefined },
		upstreamWithoutOrganization: { status: 400, body: { message: "Organization ID is required" } },
	});

	test("with organizationId lists that organization's invitations, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "listInvitations", { headers: w.alice.cookie });
		expect(byCookie.status).toBe(200);
		expect(byCookie.body.map((i: { email: string }) => i.email)).toContain(w.carol.email);
		expect(await api(w.auth, "listInvitations", { headers: w.alice.key, query: { organizationId: w.acme.id } })).toEqual(byCookie);
	});
});

describe("acceptInvitation", () => {
	async function accept(teamId?: string) {
		const { person, invitationId } = await invitee(w, w.acme.id, teamId);
		const sessions = await rows(w, "session");
		const reply = await api(w.auth, "acceptInvitation", { headers: person.key, body: { invitationId } });
		expect(await rows(w, "session"), "no session is written for a key").toEqual(sessions);
		return { person, invitationId, reply };
	}

	test("without a team: 200, invitation accepted and member row written", async () => {
		const { person, invitationId, reply } = await accept();
		expect(reply).toMatchObject({ status: 200, body: { invitation: { id: invitationId, status: "accepted" }, member: { userId: person.id } } });
		expect(await rows(w, "invitation", { id: invitationId })).toMatchObject([{ status: "accepted" }]);
		expect(await rows(w, "member", { organizationId: w.acme.id, userId: person.id })).toMatchObject([{ role: "member" }]);
	});

	patchOnly(INSIDE_THE_ENDPOINT).test("with a team: 200, invitation accepted, member row and team-member row written", async () => {
		const { person, invitationId, reply } = await accept(w.acme.teamId);
		expect(reply).toMatchObject({ status: 200, body: { invitation: { id: invitationId, status: "accepted" }, member: { userId: person.id } } });
		expect(await rows(w, "invitation", { id: invitationId })).toMatchObject([{ status: "accepted" }]);
		expect(await rows(w, "member", { organizationId: w.acme.id, userId: person.id })).toHaveLength(1);
		expect(await rows(w, "teamMember", { teamId: w.acme.teamId, userId: person.id })).toHaveLength(1);
	});

	// What the plugin's README says it leaves: the endpoint sets the active team by a session
	// write, which fails for a key's session, after some rows on some lines (measured 2026-12-07).
	const writesBeforeThe500 = { "1.4": ["invitation accepted", "team member"], "1.5": ["invitation accepted", "team member"], "1.6": ["team member"], "1.7": [] };
	test.runIf(plugin)("with a team, plugin alone: upstream's 500 after the writes the plugin's README names", async () => {
		const { person, invitationId, reply } = await accept(w.acme.teamId);
		expect(reply.status).toBe(500);
		const [invitation] = await rows(w, "invitation", { id: invitationId });
		const written = [
			invitation.status === "accepted" && "invitation accepted",
			(await rows(w, "member", { organizationId: w.acme.id, userId: person.id })).length > 0 && "member",
			(await rows(w, "teamMember", { teamId: w.acme.teamId, userId: person.id })).length > 0 && "team member",
		].filter(Boolean);
		expect(written).toEqual(writesBeforeThe500[version.slice(0, 3) as keyof typeof writesBeforeThe500]);
	});

	test("refuses an invitation addressed to someone else, writing nothing", async () => {
		const { invitationId } = await invitee(w, w.acme.id, w.acme.teamId);
		const reply = await expectNothingWritten(w, () =>
			api(w.auth, "acceptInvitation", { headers: w.carol.key, body: { invitationId } }),
		);
		expect(reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_THE_RECIPIENT_OF_THE_INVITATION" } });
	});
});

describe("rejectInvitation", () => {
	test("rejects the invitation, adding no member", async () => {
		const { person, invitationId } = await invitee(w, w.acme.id);
		const reply = await api(w.auth, "rejectInvitation", { headers: person.key, body: { invitationId } });
		expect(reply).toMatchObject({ status: 200, body: { invitation: { id: invitationId, status: "rejected" }, member: null } });
		expect(await rows(w, "invitation", { id: invitationId })).toMatchObject([{ status: "rejected" }]);
		expect(await rows(w, "member", { userId: person.id })).toEqual([]);
	});
});

describe("getInvitation", () => {
	test("returns the invitation to its recipient, as for a cookie session", async () => {
		const [invitation] = await rows(w, "invitation", { organizationId: w.acme.id, email: w.carol.email });
		const byKey = await api(w.auth, "getInvitation", { headers: w.carol.key, query: { id: invitation.id } });
		expect(byKey).toMatchObject({ status: 200, body: { id: invitation.id, organizationSlug: w.acme.slug } });
		expect(byKey).toEqual(await api(w.auth, "getInvitation", { headers: w.carol.cookie, query: { id: invitation.id } }));
	});
});

describe("listUserInvitations", () => {
	test("answers the key's user as the cookie session does", async () => {
		const byKey = await api(w.auth, "listUserInvitations", { headers: w.carol.key });
		// From 1.6.11 upstream lists invitations only for a verified email, for cookie sessions too.
		if (!since("1.6.11")) expect(byKey.body.map((i: { organizationId: string }) => i.organizationId).sort()).toEqual([w.acme.id, w.globex.id].sort());
		else expect(byKey).toMatchObject({ status: 403, body: { code: "EMAIL_VERIFICATION_REQUIRED_FOR_INVITATION" } });
		expect(byKey).toEqual(await api(w.auth, "listUserInvitations", { headers: w.carol.cookie }));
	});
});

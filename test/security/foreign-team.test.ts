// An organization's owner names another organization's team in an invitation:
// the invitee must not end up in that team, nor read its members.
import { expect, test } from "vitest";
import { api } from "../support/call";
import { createTenants } from "./tenants";

// Upstream 1.4.x does not check that teamId belongs to the organization: accepting
// the invitation put the invitee in globex's team, whose members it could then
// list. The patch set checks it on 1.4.x; 1.5+ checks it itself.
test("an invitation naming another organization's team puts nobody in that team", async () => {
	const { auth, acme, globex, eve } = await createTenants();
	const invitation = await api(auth, "createInvitation", {
		headers: acme.owner.key,
		body: { email: eve.email, role: "member", organizationId: acme.id, teamId: globex.team.id },
	});
	// Another organization's team is not found in this one: nothing to accept.
	expect(invitation).toMatchObject({ status: 400, body: { code: "TEAM_NOT_FOUND" } });
	const context = await auth.$context;
	const eveInGlobexTeam = await context.adapter.findMany({
		model: "teamMember",
		where: [
			{ field: "userId", value: eve.id },
			{ field: "teamId", value: globex.team.id },
		],
	});
	const globexTeamSeenByEve = await api(auth, "listTeamMembers", { headers: eve.key, query: { teamId: globex.team.id } });
	expect(eveInGlobexTeam).toEqual([]);
	expect(globexTeamSeenByEve).toMatchObject({ status: 400, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_TEAM" } });
});

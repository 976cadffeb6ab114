// The endpoint suite and docs/endpoints.md cover every organization endpoint this
// release has: a release that adds one fails here until it is tested and listed.
import fs from "node:fs";
import { expect, test } from "vitest";
import { createTestAuth } from "../support/auth";

/** Every organization endpoint that test/endpoints/ tests, by auth.api name. */
const TESTED = [
	"hasPermission", "getActiveMember", "getActiveMemberRole",
	"listMembers", "updateMemberRole", "removeMember", "leaveOrganization", "addMember",
	"createOrganization", "checkOrganizationSlug", "updateOrganization", "deleteOrganization",
	"getOrganization", "getFullOrganization", "setActiveOrganization", "listOrganizations",
	"createInvitation", "cancelInvitation", "listInvitations", "acceptInvitation",
	"rejectInvitation", "getInvitation", "listUserInvitations",
	"createTeam", "updateTeam", "removeTeam", "listOrganizationTeams", "setActiveTeam",
	"listUserTeams", "listTeamMembers", "addTeamMember", "removeTeamMember",
	"createOrgRole", "updateOrgRole", "deleteOrgRole", "getOrgRole", "listOrgRoles",
];

test("every organization endpoint of this release is tested and in docs/endpoints.md", async () => {
	const auth = await createTestAuth();
	const endpoints = Object.entries(auth.api as Record<string, { path?: string }>)
		// addMember is server-only: from 1.4.22 on it has no path.
		.filter(([name, fn]) => fn.path?.startsWith("/organization/") || name === "addMember")
		.map(([name]) => name);
	expect(endpoints.filter((name) => !TESTED.includes(name))).toEqual([]);
	const doc = fs.readFileSync(new URL("../../docs/endpoints.md", import.meta.url), "utf8");
	expect(endpoints.filter((name) => !doc.includes(`| ${name} |`))).toEqual([]);
});

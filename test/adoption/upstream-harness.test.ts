// A representative subset of the regression tests written the way better-auth's
// own suite is (getTestInstance, signInWithTestUser, auth.api, `it("should …")`),
// run through the `better-auth/test` the published package ships. Porting it
// upstream (e.g. to packages/api-key/src/org-api-key-session.test.ts) changes only
// the imports: getTestInstance from "better-auth/test", organization from
// "better-auth/plugins", apiKey from "." (1.4.x: both from "../../plugins").
import { describe, expect, it } from "vitest";
import { isRelease14 } from "../support/expect";
import { apiKey, organization } from "../support/target";
import { getTestInstance } from "./upstream-harness";

describe("organization with API-key sessions (better-auth #6307)", async () => {
	const { auth, signInWithTestUser } = await getTestInstance({
		plugins: [organization(), apiKey({ enableSessionForAPIKeys: true, rateLimit: { enabled: false } })],
	});
	const { headers: ownerHeaders } = await signInWithTestUser();
	const org = await auth.api.createOrganization({
		headers: ownerHeaders,
		body: { name: "test", slug: "test" },
	});
	const member = await auth.api.signUpEmail({
		body: { email: "member@test.com", password: "password", name: "member" },
	});
	await auth.api.addMember({
		body: { organizationId: org.id, userId: member.user.id, role: "member" },
	});
	const memberKey = await auth.api.createApiKey({ body: { userId: member.user.id } });
	const headers = new Headers({ "x-api-key": memberKey.key });

	it("should check permissions in the organization an API-key session names", async () => {
		const allowed = await auth.api.hasPermission({
			headers,
			body: { organizationId: org.id, permissions: { member: ["create"] } },
		});
		expect(allowed.success).toBe(false);
		const ownerKey = await auth.api.createApiKey({ headers: ownerHeaders, body: {} });
		const asOwner = await auth.api.hasPermission({
			headers: new Headers({ "x-api-key": ownerKey.key }),
			body: { organizationId: org.id, permissions: { member: ["create"] } },
		});
		expect(asOwner.success).toBe(true);
	});

	it("should ask an API-key session without organizationId to pass one", async () => {
		await expect(
			auth.api.hasPermission({ headers, body: { permissions: { member: ["create"] } } }),
		).rejects.toMatchObject({
			statusCode: 400,
			body: { code: "NO_ACTIVE_ORGANIZATION", message: expect.stringContaining("organizationId") },
		});
	});

	it("should return the member of the organization given in the query", async () => {
		const activeMember = await auth.api.getActiveMember({
			headers,
			query: { organizationId: org.id },
		});
		expect(activeMember?.userId).toBe(member.user.id);
		expect(activeMember?.organizationId).toBe(org.id);
		expect(activeMember?.role).toBe("member");
	});

	it("should refuse setActiveOrganization for an API-key session with a 400", async () => {
		await expect(
			auth.api.setActiveOrganization({ headers, body: { organizationId: org.id } }),
		).rejects.toMatchObject({
			statusCode: 400,
			body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" },
		});
	});

	it("should not let an API-key session act in an organization its user is not a member of", async () => {
		const other = await auth.api.signUpEmail({
			body: { email: "other@test.com", password: "password", name: "other" },
		});
		const otherOrg = await auth.api.createOrganization({
			body: { name: "other", slug: "other", userId: other.user.id },
		});
		const foreignMember = await auth.api.getActiveMember({ headers, query: { organizationId: otherOrg.id } }).then(
			(member) => ({ member }),
			(error) => ({ statusCode: error.statusCode, code: error.body?.code }),
		);
		// Upstream's own answers for a user with no member record there: 1.4.x null, 1.5+ an error.
		expect(foreignMember).toEqual(isRelease14 ? { member: null } : { statusCode: 400, code: "MEMBER_NOT_FOUND" });
		await expect(
			auth.api.hasPermission({
				headers,
				body: { organizationId: otherOrg.id, permissions: { member: ["create"] } },
			}),
		).rejects.toMatchObject({ body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
	});

	it("should return the member of the organization given in the query for a cookie session too", async () => {
		const third = await auth.api.signUpEmail({
			body: { email: "third@test.com", password: "password", name: "third" },
		});
		const thirdOrg = await auth.api.createOrganization({
			body: { name: "third", slug: "third", userId: third.user.id },
		});
		const { user: owner } = await signInWithTestUser();
		await auth.api.addMember({
			body: { organizationId: thirdOrg.id, userId: owner.id, role: "member" },
		});
		const activeMember = await auth.api.getActiveMember({
			headers: ownerHeaders,
			query: { organizationId: thirdOrg.id },
		});
		expect(activeMember?.organizationId).toBe(thirdOrg.id);
		expect(activeMember?.role).toBe("member");
	});
});

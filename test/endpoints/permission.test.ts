// hasPermission, getActiveMember and getActiveMemberRole for API-key callers.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { FOR_EVERY_CALLER, isRelease14, PERMISSION_BODY_SCHEMA, patchOnly, rejectsEveryPermissionBody } from "../support/expect";
import { createEndpointWorld, type EndpointWorld } from "./fixture";
import { scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

patchOnly(PERMISSION_BODY_SCHEMA, rejectsEveryPermissionBody).describe("hasPermission", () => {
	scopedEndpointTests(world, {
		endpoint: "hasPermission",
		organizationIn: "body",
		request: () => ({ body: { permissions: { organization: ["read"] } } }),
		refusal: { status: 401, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
	});

	test("with organizationId answers for the caller's role there, as the cookie session with it active does", async () => {
		for (const permissions of [{ organization: ["delete"] }, { project: ["delete"] }, { member: ["create"] }]) {
			const byKey = await api(w.auth, "hasPermission", { headers: w.alice.key, body: { permissions, organizationId: w.acme.id } });
			const byCookie = await api(w.auth, "hasPermission", { headers: w.alice.cookie, body: { permissions } });
			expect(byKey).toEqual({ status: 200, body: { error: null, success: true } });
			expect(byKey).toEqual(byCookie);
		}
		const member = await api(w.auth, "hasPermission", {
			headers: w.bob.key,
			body: { permissions: { organization: ["delete"] }, organizationId: w.acme.id },
		});
		expect(member).toEqual({ status: 200, body: { error: null, success: false } });
	});

	test("treats the deprecated `permission` field as the cookie session does", async () => {
		const body = { permission: { project: ["read"] } };
		const byKey = await api(w.auth, "hasPermission", { headers: w.alice.key, body: { ...body, organizationId: w.acme.id } });
		const byCookie = await api(w.auth, "hasPermission", { headers: w.alice.cookie, body });
		// 1.4.x reads `permissions ?? permission`; 1.7.25 reads only `permissions`, so
		// the deprecated field checks nothing and answers false, for cookie sessions too.
		expect(byKey).toEqual({ status: 200, body: { error: null, success: isRelease14 } });
		expect(byKey).toEqual(byCookie);
	});

	test("rejects a body with both or neither of `permission` and `permissions`", async () => {
		for (const body of [
			{ organizationId: w.acme.id },
			{ organizationId: w.acme.id, permission: { project: ["read"] }, permissions: { project: ["read"] } },
		]) {
			expect(await api(w.auth, "hasPermission", { headers: w.bob.key, body })).toMatchObject({
				status: 400,
				body: { code: "VALIDATION_ERROR" },
			});
		}
	});
});

describe("getActiveMember", () => {
	scopedEndpointTests(world, {
		endpoint: "getActiveMember",
		organizationIn: "query",
		// 1.4.x answers "no member here" with 200 null, for cookie sessions too; 1.6+ with 400 MEMBER_NOT_FOUND.
		refusal: isRelease14 ? { status: 200, body: null } : { status: 400, code: "MEMBER_NOT_FOUND" },
	});

	test("with organizationId returns the caller's member record, as the cookie session with it active does", async () => {
		const byKey = await api(w.auth, "getActiveMember", { headers: w.alice.key, query: { organizationId: w.acme.id } });
		const byCookie = await api(w.auth, "getActiveMember", { headers: w.alice.cookie });
		expect(byKey).toMatchObject({ status: 200, body: { userId: w.alice.id, organizationId: w.acme.id, role: "owner" } });
		expect(byKey).toEqual(byCookie);
	});

	patchOnly(FOR_EVERY_CALLER).test("cookie session with organizationId: answers for that organization, not the active one (patched for every caller)", async () => {
		// Bob's cookie session has no active organization.
		const reply = await api(w.auth, "getActiveMember", { headers: w.bob.cookie, query: { organizationId: w.acme.id } });
		expect(reply).toMatchObject({ status: 200, body: { userId: w.bob.id, organizationId: w.acme.id, role: "member" } });
	});
});

describe("getActiveMemberRole", () => {
	scopedEndpointTests(world, {
		endpoint: "getActiveMemberRole",
		organizationIn: "query",
		slug: true,
		refusal: { status: 403, code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" },
	});

	test("with organizationId or organizationSlug returns the caller's role, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "getActiveMemberRole", { headers: w.alice.cookie });
		expect(byCookie).toEqual({ status: 200, body: { role: "owner" } });
		for (const query of [{ organizationId: w.acme.id }, { organizationSlug: w.acme.slug }]) {
			expect(await api(w.auth, "getActiveMemberRole", { headers: w.alice.key, query })).toEqual(byCookie);
		}
	});

	test("with userId returns that member's role in the named organization", async () => {
		const reply = await api(w.auth, "getActiveMemberRole", {
			headers: w.alice.key,
			query: { organizationId: w.acme.id, userId: w.bob.id },
		});
		expect(reply).toEqual({ status: 200, body: { role: "member" } });
	});
});

// Dynamic access-control role endpoints for API-key callers: create, update, delete, get, list.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { createEndpointWorld, type EndpointWorld, freshOrganization, rows } from "./fixture";
import { scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

const NOT_A_MEMBER = { status: 403, code: "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION" };

describe("createOrgRole", () => {
	scopedEndpointTests(world, {
		endpoint: "createOrgRole",
		organizationIn: "body",
		request: () => ({ body: { role: "reviewer", permission: { project: ["read"] } } }),
		refusal: NOT_A_MEMBER,
		upstreamWithoutOrganization: {
			status: 400,
			body: { message: "You must be in an organization to create a role", code: "YOU_MUST_BE_IN_AN_ORGANIZATION_TO_CREATE_A_ROLE" },
		},
	});

	test("with organizationId creates the role in that organization", async () => {
		const reply = await api(w.auth, "createOrgRole", {
			headers: w.alice.key,
			body: { role: "reviewer", permission: { project: ["read"] }, organizationId: w.acme.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { success: true, roleData: { role: "reviewer", organizationId: w.acme.id } } });
		expect(await rows(w, "organizationRole", { organizationId: w.acme.id, role: "reviewer" })).toHaveLength(1);
	});
});

describe("updateOrgRole", () => {
	scopedEndpointTests(world, {
		endpoint: "updateOrgRole",
		organizationIn: "body",
		request: (org) => ({ body: { roleName: org.roleName, data: { permission: { project: ["read", "create"] } } } }),
		refusal: NOT_A_MEMBER,
	});

	test("with organizationId updates the role of that organization", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "updateOrgRole", {
			headers: w.alice.key,
			body: { roleName: org.roleName, data: { permission: { project: ["read", "create"] } }, organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { success: true, roleData: { permission: { project: ["read", "create"] } } } });
		const [role] = await rows(w, "organizationRole", { organizationId: org.id, role: org.roleName });
		expect(JSON.parse(role.permission)).toEqual({ project: ["read", "create"] });
	});
});

describe("deleteOrgRole", () => {
	scopedEndpointTests(world, {
		endpoint: "deleteOrgRole",
		organizationIn: "body",
		request: (org) => ({ body: { roleName: org.roleName } }),
		refusal: NOT_A_MEMBER,
	});

	test("with organizationId deletes the role of that organization only", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "deleteOrgRole", { headers: w.alice.key, body: { roleName: org.roleName, organizationId: org.id } });
		expect(reply).toEqual({ status: 200, body: { success: true } });
		expect(await rows(w, "organizationRole", { organizationId: org.id })).toEqual([]);
		expect(await rows(w, "organizationRole", { organizationId: w.acme.id, role: w.acme.roleName })).toHaveLength(1);
	});
});

describe("getOrgRole", () => {
	scopedEndpointTests(world, {
		endpoint: "getOrgRole",
		organizationIn: "query",
		request: (org) => ({ query: { roleName: org.roleName } }),
		refusal: NOT_A_MEMBER,
	});

	test("with organizationId reads the role, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "getOrgRole", { headers: w.alice.cookie, query: { roleName: w.acme.roleName } });
		expect(byCookie).toMatchObject({ status: 200, body: { organizationId: w.acme.id, role: w.acme.roleName } });
		const byKey = await api(w.auth, "getOrgRole", {
			headers: w.bob.key,
			query: { roleName: w.acme.roleName, organizationId: w.acme.id },
		});
		expect(byKey).toEqual(byCookie);
	});
});

describe("listOrgRoles", () => {
	scopedEndpointTests(world, {
		endpoint: "listOrgRoles",
		organizationIn: "query",
		refusal: NOT_A_MEMBER,
	});

	test("with organizationId lists that organization's roles, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "listOrgRoles", { headers: w.alice.cookie });
		expect(byCookie.status).toBe(200);
		expect(byCookie.body.map((r: { role: string }) => r.role)).toContain(w.acme.roleName);
		expect(await api(w.auth, "listOrgRoles", { headers: w.bob.key, query: { organizationId: w.acme.id } })).toEqual(byCookie);
	});
});

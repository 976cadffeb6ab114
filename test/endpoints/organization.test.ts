// Organization CRUD for API-key callers: create, check slug, update, delete, get, get full, list.
import { beforeAll, describe, expect, test } from "vitest";
import { api } from "../support/call";
import { since } from "../support/expect";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, freshOrganization, rows } from "./fixture";
import { scopedEndpointTests } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});
const world = () => w;

describe("createOrganization", () => {
	test("creates the organization with the key's user as owner, writing no session", async () => {
		const sessions = await rows(w, "session");
		const reply = await api(w.auth, "createOrganization", { headers: w.carol.key, body: { name: "Initech", slug: "initech" } });
		expect(reply).toMatchObject({ status: 200, body: { slug: "initech", members: [{ userId: w.carol.id, role: "owner" }] } });
		expect(await rows(w, "member", { organizationId: reply.body.id, userId: w.carol.id })).toMatchObject([{ role: "owner" }]);
		expect(await rows(w, "session")).toEqual(sessions);
	});
});

describe("checkOrganizationSlug", () => {
	test("answers for a free and a taken slug as for a cookie session", async () => {
		for (const slug of ["still-free", w.globex.slug]) {
			const byKey = await api(w.auth, "checkOrganizationSlug", { headers: w.alice.key, body: { slug } });
			expect(byKey).toEqual(await api(w.auth, "checkOrganizationSlug", { headers: w.alice.cookie, body: { slug } }));
			expect(byKey.status).toBe(slug === "still-free" ? 200 : 400);
		}
	});
});

describe("updateOrganization", () => {
	scopedEndpointTests(world, {
		endpoint: "updateOrganization",
		organizationIn: "body",
		request: () => ({ body: { data: { name: "Renamed" } } }),
		refusal: { status: 400, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
		upstreamWithoutOrganization: { status: 400, body: { message: "Organization not found", code: "ORGANIZATION_NOT_FOUND" } },
	});

	test("with organizationId updates that organization", async () => {
		const org = await freshOrganization(w);
		const reply = await api(w.auth, "updateOrganization", {
			headers: w.alice.key,
			body: { data: { name: "Renamed" }, organizationId: org.id },
		});
		expect(reply).toMatchObject({ status: 200, body: { id: org.id, name: "Renamed" } });
		expect(await rows(w, "organization", { id: org.id })).toMatchObject([{ name: "Renamed" }]);
	});

	test("a plain member is refused by permission, not by membership", async () => {
		const reply = await expectNothingWritten(w, () =>
			api(w.auth, "updateOrganization", { headers: w.bob.key, body: { data: { name: "Bob's" }, organizationId: w.acme.id } }),
		);
		expect(reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION" } });
	});
});

describe("deleteOrganization", () => {
	scopedEndpointTests(world, {
		endpoint: "deleteOrganization",
		organizationIn: "body",
		organizationRequired: true,
		refusal: { status: 400, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
	});

	test("with organizationId deletes that organization, writing no session", async () => {
		const org = await freshOrganization(w);
		const sessions = await rows(w, "session");
		const reply = await api(w.auth, "deleteOrganization", { headers: w.alice.key, body: { organizationId: org.id } });
		expect(reply).toMatchObject({ status: 200, body: { id: org.id } });
		expect(await rows(w, "organization", { id: org.id })).toEqual([]);
		expect(await rows(w, "session")).toEqual(sessions);
	});
});

// getOrganization is new after 1.4.
// getOrganization is new in 1.7.0.
describe.runIf(since("1.7.0"))("getOrganization", () => {
	scopedEndpointTests(world, {
		endpoint: "getOrganization",
		organizationIn: "query",
		slug: true,
		refusal: { status: 403, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
		upstreamWithoutOrganization: { status: 200, body: null },
	});

	test("with organizationId or organizationSlug returns it, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "getOrganization", { headers: w.alice.cookie });
		expect(byCookie).toMatchObject({ status: 200, body: { id: w.acme.id } });
		for (const query of [{ organizationId: w.acme.id }, { organizationSlug: w.acme.slug }]) {
			expect(await api(w.auth, "getOrganization", { headers: w.bob.key, query })).toEqual(byCookie);
		}
	});
});

describe("getFullOrganization", () => {
	scopedEndpointTests(world, {
		endpoint: "getFullOrganization",
		organizationIn: "query",
		slug: true,
		refusal: { status: 403, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" },
		upstreamWithoutOrganization: { status: 200, body: null },
	});

	test("with organizationId or organizationSlug returns it with members, as the cookie session with it active does", async () => {
		const byCookie = await api(w.auth, "getFullOrganization", { headers: w.alice.cookie });
		expect(byCookie).toMatchObject({ status: 200, body: { id: w.acme.id } });
		expect(byCookie.body.members).toHaveLength(2);
		for (const query of [{ organizationId: w.acme.id }, { organizationSlug: w.acme.slug }]) {
			expect(await api(w.auth, "getFullOrganization", { headers: w.alice.key, query })).toEqual(byCookie);
		}
	});

	test("cookie session without an active organization: 200 null, as upstream", async () => {
		// Bob joined through addMember and never chose an organization.
		expect(await api(w.auth, "getFullOrganization", { headers: w.bob.cookie })).toEqual({ status: 200, body: null });
	});
});

describe("listOrganizations", () => {
	test("lists the key's user's organizations, as the cookie session does", async () => {
		const byKey = await api(w.auth, "listOrganizations", { headers: w.bob.key });
		expect(byKey.status).toBe(200);
		expect(byKey.body.map((o: { id: string }) => o.id)).toContain(w.acme.id);
		expect(byKey.body.map((o: { id: string }) => o.id)).not.toContain(w.globex.id);
		expect(byKey).toEqual(await api(w.auth, "listOrganizations", { headers: w.bob.cookie }));
	});
});

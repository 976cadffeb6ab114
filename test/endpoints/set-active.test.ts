// setActiveOrganization and setActiveTeam: an API key has no stored session to
// set anything on, so both refuse it with their own 400; cookie sessions keep them, but a
// slug that names no organization is answered as someone else's.
import { beforeAll, describe, expect, test } from "vitest";
import { api, http, type Reply } from "../support/call";
import { needs, tellsToPass } from "../support/capabilities";
import { expectFixed, FOR_EVERY_CALLER, patchOnly, plugin } from "../support/expect";
import { expectOk } from "../support/world";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, rows } from "./fixture";
import { expectValidationError, MISTYPED_ORGANIZATION_IDS, OUT_OF_BOUNDS_ORGANIZATION_IDS } from "./scoped";

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});

type Body = Record<string, unknown>;

const transports = {
	"auth.api": (endpoint: string, _path: string, headers: Headers, body: Body) => api(w.auth, endpoint, { headers, body }),
	"auth.handler over HTTP": (_endpoint: string, path: string, headers: Headers, body: Body) =>
		http(w.auth, "POST", path, { headers, body }),
};

function expectRefused(reply: Reply, code: string, pass: string) {
	expect(reply).toMatchObject({ status: 400, body: { code, message: tellsToPass(pass) } });
}

describe.each(Object.entries(transports))("%s", (_name, call) => {
	test("setActiveOrganization with an API key: 400 API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION, whatever is named, nothing written", async () => {
		const bodies: Body[] = [
			{ organizationId: w.acme.id },
			{ organizationSlug: w.acme.slug },
			{ organizationId: w.globex.id },
			{ organizationId: w.missingOrgId },
			{ organizationId: null },
			{},
		];
		for (const body of bodies) {
			const reply = await expectNothingWritten(w, () => call("setActiveOrganization", "/organization/set-active", w.alice.key, body));
			expectRefused(reply, "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION", "organizationId");
		}
	});

	test("setActiveTeam with an API key: 400 API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM, whatever is named, nothing written", async () => {
		for (const body of [{ teamId: w.acme.teamId }, { teamId: w.globex.teamId }, { teamId: null }, {}]) {
			const reply = await expectNothingWritten(w, () => call("setActiveTeam", "/organization/set-active-team", w.alice.key, body));
			expectRefused(reply, "API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM", "teamId");
		}
	});
});

// The plugin's hook runs before the endpoint validates its body: it refuses an API key's setActiveOrganization whatever it names.
for (const each of [test.each(MISTYPED_ORGANIZATION_IDS), needs("organizationIdBounds").each(OUT_OF_BOUNDS_ORGANIZATION_IDS)]) {
	each(`setActiveOrganization with organizationId %s: 400 ${plugin ? "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" : "VALIDATION_ERROR"}, nothing written`, async (_, organizationId) => {
		const reply = await expectNothingWritten(w, () => api(w.auth, "setActiveOrganization", { headers: w.alice.key, body: { organizationId } }));
		if (plugin) expectRefused(reply, "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION", "organizationId");
		else expectValidationError(reply);
	});
}

describe("cookie sessions keep upstream's behaviour", () => {
	test("setActiveOrganization stores the organization, and endpoints fall back to it", async () => {
		const reply = await api(w.auth, "setActiveOrganization", { headers: w.bob.cookie, body: { organizationId: w.acme.id } });
		expect(reply).toMatchObject({ status: 200, body: { id: w.acme.id } });
		expect(await rows(w, "session", { userId: w.bob.id })).toMatchObject([{ activeOrganizationId: w.acme.id }]);
		expect(await api(w.auth, "getActiveMember", { headers: w.bob.cookie })).toMatchObject({
			status: 200,
			body: { userId: w.bob.id, organizationId: w.acme.id },
		});
	});

	test("setActiveOrganization with someone else's organization is refused with 403", async () => {
		const reply = await api(w.auth, "setActiveOrganization", { headers: w.carol.cookie, body: { organizationId: w.globex.id } });
		expect(reply).toMatchObject({ status: 403, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
	});

	test("setActiveTeam stores a team of the active organization", async () => {
		const reply = await api(w.auth, "setActiveTeam", { headers: w.alice.cookie, body: { teamId: w.acme.teamId } });
		expect(reply).toMatchObject({ status: 200, body: { id: w.acme.teamId } });
		expect(await rows(w, "session", { userId: w.alice.id })).toMatchObject([{ activeTeamId: w.acme.teamId }]);
	});
});

// Upstream answers 400 ORGANIZATION_NOT_FOUND for a slug that names nothing and 403 for someone
// else's (and clears the active organization only then): which slugs exist, told to anyone signed in.
patchOnly(FOR_EVERY_CALLER).test("setActiveOrganization by a slug that names no organization answers as by someone else's slug: 403, the active organization cleared", async () => {
	const outcomes = [];
	for (const organizationSlug of [w.globex.slug, "slug-no-organization-has"]) {
		expectOk(await api(w.auth, "setActiveOrganization", { headers: w.bob.cookie, body: { organizationId: w.acme.id } }), "setActiveOrganization");
		const reply = await api(w.auth, "setActiveOrganization", { headers: w.bob.cookie, body: { organizationSlug } });
		const [session] = await rows(w, "session", { userId: w.bob.id });
		outcomes.push({ status: reply.status, code: reply.body?.code, activeOrganizationId: session.activeOrganizationId ?? null });
	}
	const [someoneElses, missing] = outcomes;
	expect(someoneElses).toEqual({ status: 403, code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", activeOrganizationId: null });
	expectFixed(missing, {
		fixed: (m) => expect(m).toEqual(someoneElses),
		upstream: (m) => expect(m).toEqual({ status: 400, code: "ORGANIZATION_NOT_FOUND", activeOrganizationId: w.acme.id }),
	});
});

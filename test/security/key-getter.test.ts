// An API key read by the api-key plugin's `customAPIKeyGetter` (here from
// `Authorization: Bearer <key>`, no header carries the key alone): the key's
// session gets the organization context all the same, over HTTP and through auth.api.
import { beforeAll, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api, http } from "../support/call";
import { createDatabase } from "../support/database";
import { needs } from "../support/capabilities";
import { plugin, unpatched } from "../support/expect";
import { addMember, createKeyHeaders, createOrganization, signUpWithoutKey } from "../support/world";

const bearerKey = (ctx: { headers?: Headers }) => ctx.headers?.get("authorization")?.replace(/^Bearer /, "") ?? null;

let auth: TestAuth;
let bob: { id: string; key: Headers };
let org: { id: string; slug: string };
let otherOrg: { id: string; slug: string };
const missingOrgId = "org_does_not_exist";

beforeAll(async () => {
	auth = await createTestAuth(createDatabase(), [], { customAPIKeyGetter: bearerKey });
	const alice = await signUpWithoutKey(auth, "alice");
	const mallory = await signUpWithoutKey(auth, "mallory");
	const member = await signUpWithoutKey(auth, "bob");
	org = await createOrganization(auth, alice, "acme");
	otherOrg = await createOrganization(auth, mallory, "globex");
	const key = (await createKeyHeaders(auth, member.cookie)).get("x-api-key");
	bob = { id: member.id, key: new Headers({ authorization: `Bearer ${key}` }) };
	await addMember(auth, org.id, { ...member, key: bob.key });
});

// Upstream (and the plugin before it read keys this way) answers 500, no member, 400 vs 403 and 403 here. Patch or plugin: fixed.
describe.skipIf(unpatched && !plugin)("customAPIKeyGetter reading Authorization: Bearer", () => {
	test("setActiveOrganization with the key is a 400, not a 500", async () => {
		const reply = await http(auth, "POST", "/organization/set-active", { headers: bob.key, body: { organizationId: org.id } });
		expect(reply).toMatchObject({ status: 400, body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" } });
	});

	test("getActiveMember?organizationId= answers for that organization", async () => {
		for (const reply of [
			await http(auth, "GET", "/organization/get-active-member", { headers: bob.key, query: { organizationId: org.id } }),
			await api(auth, "getActiveMember", { headers: bob.key, query: { organizationId: org.id } }),
		]) expect(reply).toMatchObject({ status: 200, body: { userId: bob.id, organizationId: org.id, role: "member" } });
	});

	test("a missing organization answers as someone else's", async () => {
		const fullOrganization = (organizationId: string) =>
			http(auth, "GET", "/organization/get-full-organization", { headers: bob.key, query: { organizationId } });
		const foreign = await fullOrganization(otherOrg.id);
		expect(foreign).toMatchObject({ status: 403, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } });
		expect(await fullOrganization(missingOrgId)).toEqual(foreign);
	});

	needs("ambiguousOrganization").test("an organization named by id and by slug at once is a 400", async () => {
		const reply = await http(auth, "GET", "/organization/get-full-organization", {
			headers: bob.key,
			query: { organizationId: org.id, organizationSlug: otherOrg.slug },
		});
		expect(reply).toMatchObject({ status: 400, body: { code: "VALIDATION_ERROR" } });
	});
});

// A key that should no longer work (disabled, expired, deleted, its user deleted or
// banned) is refused by every organization endpoint and writes nothing; a member
// removed or demoted loses the rights on the very next request.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api } from "../support/call";
import { needs } from "../support/capabilities";
import { PERMISSION_BODY_SCHEMA, patchOnly, projectName, rejectsEveryPermissionBody, unpatched } from "../support/expect";
import { createDatabase, dropColumn } from "../support/database";
import { changedTables, snapshotTables } from "../support/snapshot";
import { admin } from "../support/target";
import { addMember, createKeyHeaders, createOrganization, type Person, signUp } from "../support/world";
import { organizationEndpoints, send } from "./endpoints";
import { BOOKKEEPING_COLUMNS } from "./guard";
import { inputFor } from "./inputs";
import { quietBetterAuthLogger } from "./quiet";
import { furnishTenant, type Tenant } from "./tenants";

let auth: TestAuth;
let acme: Tenant;
/** A platform administrator (admin plugin), who bans and removes users. */
let root: Person;
quietBetterAuthLogger();

beforeAll(async () => {
	auth = await createTestAuth(undefined, [admin()]);
	const [alice, bob] = [await signUp(auth, "alice"), await signUp(auth, "bob")];
	root = await signUp(auth, "root");
	const context = await auth.$context;
	await context.adapter.update({ model: "user", where: [{ field: "id", value: root.id }], update: { role: "admin" } });
	const org = await createOrganization(auth, alice, "acme");
	await addMember(auth, org.id, bob);
	acme = await furnishTenant(auth, org, alice, bob);
});

let calls = 0;

/** An admin of acme with a fresh key: were the key accepted, most calls would succeed. */
async function acmeAdminWithKey(name: string) {
	const person = await signUp(auth, name);
	await addMember(auth, acme.id, person, "admin");
	const created = await api(auth, "createApiKey", { headers: person.cookie, body: {} });
	return { person, keyId: created.body.id as string, key: new Headers({ "x-api-key": created.body.key }) };
}

/** The endpoints a key reaches: server-only ones answer no request over HTTP (see cross-tenant.test.ts). */
const keyEndpoints = () => organizationEndpoints(auth).filter((e) => !e.serverOnly);

/** Every organization endpoint, called with the key on acme: the answers, and the tables each call changed. */
async function callEveryEndpoint(person: Person, key: Headers) {
	const answers = [];
	for (const endpoint of keyEndpoints()) {
		const input = inputFor(endpoint, { organizationId: acme.id, objects: acme, caller: person });
		const before = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
		const reply = await send(auth, endpoint, "auth.api", { headers: key, ...input });
		const changed = changedTables(before, await snapshotTables(auth, BOOKKEEPING_COLUMNS));
		calls++;
		answers.push({ endpoint: endpoint.name, status: reply.status, code: reply.body?.code as string | undefined, changed });
	}
	return answers;
}

const revocations: [string, (victim: Awaited<ReturnType<typeof acmeAdminWithKey>>) => Promise<unknown>, string[]][] = [
	[
		"a disabled key",
		(v) => api(auth, "updateApiKey", { headers: v.person.cookie, body: { keyId: v.keyId, enabled: false } }),
		["KEY_DISABLED"],
	],
	["a deleted key", (v) => api(auth, "deleteApiKey", { headers: v.person.cookie, body: { keyId: v.keyId } }), ["INVALID_API_KEY"]],
	[
		"the key of a user removed by an administrator",
		(v) => api(auth, "removeUser", { headers: root.cookie, body: { userId: v.person.id } }),
		// 1.4.x deletes the user's keys with the user; 1.7.5 keeps them and finds no user.
		["INVALID_API_KEY", "INVALID_REFERENCE_ID_FROM_API_KEY"],
	],
];

describe.each(revocations)("%s", (name, revoke, codes) => {
	test("is refused with 401 by every organization endpoint, and nothing is written", async () => {
		const victim = await acmeAdminWithKey(name.replaceAll(" ", "-"));
		const revoked = (await revoke(victim)) as { status: number };
		expect(revoked.status).toBe(200);
		const answers = await callEveryEndpoint(victim.person, victim.key);
		expect(answers.filter((a) => a.status !== 401 || !codes.includes(String(a.code)) || a.changed.length)).toEqual([]);
	});
});

test("an expired key is refused with 401 by every organization endpoint; only the key itself is removed, by the api-key plugin", async () => {
	const victim = await acmeAdminWithKey("expired");
	const context = await auth.$context;
	await context.adapter.update({
		model: "apikey",
		where: [{ field: "id", value: victim.keyId }],
		update: { expiresAt: new Date(Date.now() - 1_000) },
	});
	const before = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
	const [first, ...rest] = await callEveryEndpoint(victim.person, victim.key);
	// The api-key plugin deletes an expired key when it is presented; later calls find no key.
	expect(first).toMatchObject({ status: 401, code: "KEY_EXPIRED", changed: ["apikey"] });
	expect(rest.filter((a) => a.status !== 401 || a.code !== "INVALID_API_KEY" || a.changed.length)).toEqual([]);
	const after = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
	expect(changedTables(before, after)).toEqual(["apikey"]);
	expect(after.apikey).toEqual(before.apikey.filter((row) => row.id !== victim.keyId));
});

// The admin plugin bans by refusing and revoking sessions; upstream's mock session
// bypassed both, so a banned user's key kept every right it had. The patch set
// refuses it as the admin plugin refuses a banned user's sign-in.
needs("bannedUserKeys", patchOnly("a banned user's key: not built in the plugin")).test("the key of a banned user is refused with 403 BANNED_USER by every organization endpoint, and nothing is written", async () => {
	const victim = await acmeAdminWithKey("banned");
	expect((await api(auth, "banUser", { headers: root.cookie, body: { userId: victim.person.id } })).status).toBe(200);
	const answers = await callEveryEndpoint(victim.person, victim.key);
	expect(answers.filter((a) => a.status !== 403 || a.code !== "BANNED_USER" || a.changed.length)).toEqual([]);
});

describe("membership changes take effect on the very next request", () => {
	const readAcme = (key: Headers) => api(auth, "listMembers", { headers: key, query: { organizationId: acme.id } });
	const mayCreateProjects = (key: Headers) =>
		api(auth, "hasPermission", { headers: key, body: { organizationId: acme.id, permissions: { project: ["create"] } } });

	test("a removed member's keys, unbound and bound, lose the organization at once", async () => {
		const { person, key } = await acmeAdminWithKey("leaving");
		const bound = await createKeyHeaders(auth, person.cookie, { organizationId: acme.id });
		expect([(await readAcme(key)).status, (await readAcme(bound)).status]).toEqual([200, 200]);
		const removed = await api(auth, "removeMember", {
			headers: acme.owner.key,
			body: { organizationId: acme.id, memberIdOrEmail: person.email },
		});
		expect(removed.status).toBe(200);
		const next = [await readAcme(key), await readAcme(bound), await mayCreateProjects(key), await mayCreateProjects(bound)];
		expect(next.map((r) => r.status >= 400 || r.body?.success === false)).toEqual([true, true, true, true]);
	});

	patchOnly(PERMISSION_BODY_SCHEMA, rejectsEveryPermissionBody).test("a demoted member's keys lose the rights of the old role at once", async () => {
		const { person, key } = await acmeAdminWithKey("demoted");
		const bound = await createKeyHeaders(auth, person.cookie, { organizationId: acme.id });
		expect([(await mayCreateProjects(key)).body, (await mayCreateProjects(bound)).body]).toEqual([
			{ error: null, success: true },
			{ error: null, success: true },
		]);
		const members = (await readAcme(acme.owner.key)).body.members as { id: string; userId: string }[];
		const memberId = members.find((m) => m.userId === person.id)?.id;
		const lowered = await api(auth, "updateMemberRole", {
			headers: acme.owner.key,
			body: { organizationId: acme.id, memberId, role: "member" },
		});
		expect(lowered.status).toBe(200);
		expect([(await mayCreateProjects(key)).body, (await mayCreateProjects(bound)).body]).toEqual([
			{ error: null, success: false },
			{ error: null, success: false },
		]);
		const team = await api(auth, "createTeam", { headers: key, body: { organizationId: acme.id, name: "not allowed" } });
		expect(team.status).toBe(403);
	});
});

afterAll(() => {
	console.log(
		`[security] key lifecycle ${projectName}: ${calls} calls with revoked keys ` +
			`(${revocations.length + 2} kinds x ${keyEndpoints().length} endpoints)`,
	);
});

// Issue 13: the patch adds apikey.organizationId; an app that has not migrated yet gets told so.
(unpatched ? describe.skip : needs("boundKeys", patchOnly(PERMISSION_BODY_SCHEMA, rejectsEveryPermissionBody)).describe)("binding a key before the migration that adds apikey.organizationId", () => {
	test("is refused with a code that names the migration, creating no key; unbound keys keep working", async () => {
		const database = createDatabase();
		const unmigrated = await createTestAuth(database);
		await dropColumn(database, "apikey", "organizationId");
		// better-auth 1.7.6+ checks the schema itself on every call when the api-key release shares its
		// @better-auth/core (1.7.25 with api-key 1.7.21; not with 1.7.5, which gets a core of its own):
		// it refuses every call of the unmigrated app first, naming the column and the migration.
		const signedUp = await signUp(unmigrated, "owner").catch((error: Error) => error);
		if (signedUp instanceof Error) {
			expect(signedUp.message).toMatch(/Missing columns\s+apikey\.organizationId[^]*migrate/);
			return;
		}
		const owner = signedUp;
		const org = await createOrganization(unmigrated, owner, "unmigrated");
		const keysBefore = await api(unmigrated, "listApiKeys", { headers: owner.cookie });

		const bound = await api(unmigrated, "createApiKey", { headers: owner.cookie, body: { organizationId: org.id } });
		expect(bound).toMatchObject({ status: 500, body: { code: "API_KEY_ORGANIZATION_COLUMN_MISSING" } });
		expect(bound.body.message).toContain("migrate");
		expect(await api(unmigrated, "listApiKeys", { headers: owner.cookie })).toEqual(keysBefore);

		const unbound = await api(unmigrated, "hasPermission", { headers: owner.key, body: { organizationId: org.id, permissions: { organization: ["update"] } } });
		expect(unbound).toEqual({ status: 200, body: { error: null, success: true } });
	});
});

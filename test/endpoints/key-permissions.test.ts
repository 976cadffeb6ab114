// Least-privilege keys on every endpoint that checks a permission: a key bound to
// an organization with `permissions` is granted an action only when both its
// user's current role and its permissions grant it.
import { beforeAll, describe, expect, test } from "vitest";
import { quietBetterAuthLogger } from "../security/quiet";
import { createTestAuth, roles } from "../support/auth";
import { api, http, type Reply } from "../support/call";
import { createAuthEndpoint, sessionMiddleware } from "../support/target";
import { addMember, createKeyHeaders, createOrganization, type Person, signUp } from "../support/world";
import { createEndpointWorld, type EndpointWorld, expectNothingWritten, freshOrganization, ROLE_NAME, rows } from "./fixture";

quietBetterAuthLogger();

let w: EndpointWorld;
beforeAll(async () => {
	w = await createEndpointWorld();
});

type Organization = Awaited<ReturnType<typeof freshOrganization>>;
type Permissions = Record<string, string[]>;
type Input = { body?: Record<string, unknown>; query?: Record<string, unknown> };

/** A key of `person` bound to the organization, with permissions, made by the server (as upstream lets only it). */
async function keyWith(person: Person, organizationId: string, permissions: Permissions) {
	const created = await api(w.auth, "createApiKey", { body: { userId: person.id, organizationId, permissions } });
	expect(created.status).toBe(200);
	return new Headers({ "x-api-key": created.body.key });
}

interface CheckedEndpoint {
	endpoint: string;
	path: string;
	/** The permission upstream's own check asks for (and, where it gives a role, what the role grants). */
	permission: Permissions;
	request: (org: Organization) => Input;
}

const NOTHING_THE_ENDPOINT_ASKS = { project: ["read"] };

/** The endpoint's own permission and everything `role` grants: a key gives no role beyond its permissions. */
function givingRole(permission: Permissions, role: keyof typeof roles): Permissions {
	const merged: Permissions = { ...permission };
	for (const [resource, actions] of Object.entries(roles[role].statements as Permissions)) merged[resource] = [...new Set([...(merged[resource] ?? []), ...actions])];
	return merged;
}

const ENDPOINTS: CheckedEndpoint[] = [
	{
		endpoint: "updateOrganization",
		path: "/organization/update",
		permission: { organization: ["update"] },
		request: (org) => ({ body: { organizationId: org.id, data: { name: "renamed" } } }),
	},
	{ endpoint: "deleteOrganization", path: "/organization/delete", permission: { organization: ["delete"] }, request: (org) => ({ body: { organizationId: org.id } }) },
	{
		endpoint: "createInvitation",
		path: "/organization/invite-member",
		permission: givingRole({ invitation: ["create"] }, "member"),
		request: (org) => ({ body: { organizationId: org.id, email: `new-${org.slug}@example.com`, role: "member" } }),
	},
	{
		endpoint: "updateMemberRole",
		path: "/organization/update-member-role",
		// The organization's dynamic role (project: read): the built-in admin grants ac: update, which no capped key gives.
		permission: { member: ["update"], project: ["read"] },
		request: (org) => ({ body: { organizationId: org.id, memberId: org.bobMemberId, role: org.roleName } }),
	},
	{
		endpoint: "removeMember",
		path: "/organization/remove-member",
		permission: { member: ["delete"] },
		request: (org) => ({ body: { organizationId: org.id, memberIdOrEmail: w.bob.email } }),
	},
	{ endpoint: "createTeam", path: "/organization/create-team", permission: { team: ["create"] }, request: (org) => ({ body: { organizationId: org.id, name: "new team" } }) },
	{
		endpoint: "updateTeam",
		path: "/organization/update-team",
		permission: { team: ["update"] },
		request: (org) => ({ body: { teamId: org.teamId, data: { name: "renamed team", organizationId: org.id } } }),
	},
	{ endpoint: "removeTeam", path: "/organization/remove-team", permission: { team: ["delete"] }, request: (org) => ({ body: { organizationId: org.id, teamId: org.teamId } }) },
	{
		endpoint: "createOrgRole",
		path: "/organization/create-role",
		// the new role's permissions must be the creator's own: the key's too
		permission: { ac: ["create"], project: ["read"] },
		request: (org) => ({ body: { organizationId: org.id, role: "reviewer", permission: { project: ["read"] } } }),
	},
	{
		endpoint: "deleteOrgRole",
		path: "/organization/delete-role",
		permission: { ac: ["delete"] },
		request: (org) => ({ body: { organizationId: org.id, roleName: ROLE_NAME } }),
	},
];

const outcome = (r: Reply) => ({ status: r.status, code: r.body?.code });

describe.each(ENDPOINTS)("$endpoint, by the owner's bound key", (spec) => {
	const call = (headers: Headers, org: Organization) => http(w.auth, "POST", spec.path, { headers, ...spec.request(org) });

	test("with permissions that cover its action: done", async () => {
		const org = await freshOrganization(w);
		const reply = await call(await keyWith(w.alice, org.id, spec.permission), org);
		expect(reply.status, JSON.stringify(reply.body)).toBe(200);
	});

	test("with permissions that do not: refused as upstream refuses a role without them, writing nothing", async () => {
		const org = await freshOrganization(w);
		const [capped, plainMember] = [await keyWith(w.alice, org.id, NOTHING_THE_ENDPOINT_ASKS), await createKeyHeaders(w.auth, w.bob.cookie, { organizationId: org.id })];
		const input = spec.request(org);
		const [refused, asMember] = await expectNothingWritten(w, async () => [
			await http(w.auth, "POST", spec.path, { headers: capped, ...input }),
			await http(w.auth, "POST", spec.path, { headers: plainMember, ...input }),
		]);
		expect(refused.status).toBeGreaterThanOrEqual(400);
		expect(outcome(refused), "the code upstream gives a member whose role lacks the permission").toEqual(outcome(asMember));
	});
});

describe("hasPermission, custom statements and dynamic roles", () => {
	const ask = (headers: Headers, organizationId: string, permissions: Permissions) =>
		http(w.auth, "POST", "/organization/has-permission", { headers, body: { organizationId, permissions } });

	test("a member with a dynamic role: granted where role and key both grant, refused where either does not", async () => {
		const org = await freshOrganization(w);
		const dora = await signUp(w.auth, `dora-${org.slug}`);
		await addMember(w.auth, org.id, dora, ROLE_NAME);
		const projectReader = await keyWith(dora, org.id, { project: ["read"] });
		const projectDeleter = await keyWith(dora, org.id, { project: ["delete"] });
		expect((await ask(projectReader, org.id, { project: ["read"] })).body.success).toBe(true);
		expect((await ask(projectDeleter, org.id, { project: ["read"] })).body.success, "the key does not grant it").toBe(false);
		expect((await ask(projectDeleter, org.id, { project: ["delete"] })).body.success, "the role does not grant it").toBe(false);
	});

	test("a lowered role narrows the key on its next request", async () => {
		const org = await freshOrganization(w);
		const key = await keyWith(w.bob, org.id, { member: ["update"], organization: ["update"] });
		await api(w.auth, "updateMemberRole", { headers: w.alice.cookie, body: { organizationId: org.id, memberId: org.bobMemberId, role: "admin" } });
		expect((await ask(key, org.id, { organization: ["update"] })).body.success).toBe(true);
		await api(w.auth, "updateMemberRole", { headers: w.alice.cookie, body: { organizationId: org.id, memberId: org.bobMemberId, role: "member" } });
		expect((await ask(key, org.id, { organization: ["update"] })).body.success).toBe(false);
	});

	test("a key without permissions keeps its role alone, as before", async () => {
		const org = await freshOrganization(w);
		const plain = await createKeyHeaders(w.auth, w.alice.cookie, { organizationId: org.id });
		expect((await ask(plain, org.id, { organization: ["delete"], member: ["create"] })).body.success).toBe(true);
	});

	test("a key with permissions may not make its user leave: no permission covers it", async () => {
		const org = await freshOrganization(w);
		const key = await keyWith(w.bob, org.id, { organization: ["read"] });
		const left = await expectNothingWritten(w, () => http(w.auth, "POST", "/organization/leave", { headers: key, body: { organizationId: org.id } }));
		expect(left).toMatchObject({ status: 403, body: { code: "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT" } });
	});
});

describe("creating a key with permissions from the client", () => {
	const create = (headers: Headers, body: Record<string, unknown>) => http(w.auth, "POST", "/api-key/create", { headers, body });
	const keyCount = async () => (await rows(w, "apikey")).length;

	test("binding it: created, and its get and list responses show the permissions", async () => {
		const created = await create(w.alice.cookie, { organizationId: w.acme.id, permissions: { project: ["read"] } });
		expect(created).toMatchObject({ status: 200, body: { organizationId: w.acme.id, permissions: { project: ["read"] } } });
		const got = await http(w.auth, "GET", "/api-key/get", { headers: w.alice.cookie, query: { id: created.body.id } });
		const listed = await http(w.auth, "GET", "/api-key/list", { headers: w.alice.cookie });
		const keys = Array.isArray(listed.body) ? listed.body : listed.body.apiKeys;
		expect(got.body.permissions).toEqual({ project: ["read"] });
		expect(keys.find((key: { id: string }) => key.id === created.body.id).permissions).toEqual({ project: ["read"] });
	});

	test.each([
		["a resource the access control does not define", { payroll: ["read"] }],
		["an action it does not define", { project: ["approve"] }],
	])("naming %s: 400, nothing created", async (_name, permissions) => {
		const before = await keyCount();
		const refused = await create(w.bob.cookie, { organizationId: w.acme.id, permissions });
		expect(refused).toMatchObject({ status: 400, body: { code: "API_KEY_PERMISSIONS_NOT_DEFINED" } });
		expect(await keyCount()).toBe(before);
	});

	test("wider than the user's role: 403, nothing created", async () => {
		const before = await keyCount();
		const refused = await create(w.bob.cookie, { organizationId: w.acme.id, permissions: { organization: ["delete"] } });
		expect(refused).toMatchObject({ status: 403, body: { code: "API_KEY_PERMISSIONS_EXCEED_ROLE" } });
		expect(await keyCount()).toBe(before);
	});

	test("unbound: upstream's rule stands, permissions are server-only", async () => {
		const refused = await create(w.alice.cookie, { permissions: { project: ["read"] } });
		expect(refused.status).toBe(400);
		expect(refused.body.message).toMatch(/server/i);
	});

	test("a key with permissions creates, re-enables or extends no key, and may delete only itself", async () => {
		const capped = await keyWith(w.alice, w.acme.id, { project: ["read"] });
		const other = await api(w.auth, "createApiKey", { headers: w.alice.cookie, body: { organizationId: w.acme.id } });
		const ownId = (await http(w.auth, "GET", "/get-session", { headers: capped })).body.session.id;
		const refused = await expectNothingWritten(w, async () => [
			await create(capped, {}),
			await http(w.auth, "POST", "/api-key/update", { headers: capped, body: { keyId: other.body.id, enabled: false } }),
			await http(w.auth, "POST", "/api-key/update", { headers: capped, body: { keyId: ownId, expiresIn: null } }),
			await http(w.auth, "POST", "/api-key/delete", { headers: capped, body: { keyId: other.body.id } }),
		]);
		for (const reply of refused) expect(reply).toMatchObject({ status: 403, body: { code: "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT" } });
		expect((await http(w.auth, "POST", "/api-key/delete", { headers: capped, body: { keyId: ownId } })).status).toBe(200);
	});
});

describe("the organizationKeys option", () => {
	async function appWith(organizationKeys: Record<string, unknown>) {
		const auth = await createTestAuth(undefined, [], { organizationKeys });
		const erin = await signUp(auth, "erin");
		const org = await createOrganization(auth, erin, "initech");
		const unbound = await api(auth, "createApiKey", { body: { userId: erin.id, permissions: { project: ["read"] } } });
		const bound = await createKeyHeaders(auth, erin.cookie, { organizationId: org.id });
		return { auth, org, erin, unbound: new Headers({ "x-api-key": unbound.body.key }), bound };
	}
	const canUpdate = (app: Awaited<ReturnType<typeof appWith>>) =>
		http(app.auth, "POST", "/organization/has-permission", { headers: app.unbound, body: { organizationId: app.org.id, permissions: { organization: ["update"] } } });

	test("by default an unbound key's permissions do not cap its role: no key loses access on upgrade", async () => {
		expect((await canUpdate(await appWith({}))).body.success).toBe(true);
	});

	test("capUnboundKeys: they do, and such a key reaches no write no permission covers", async () => {
		const app = await appWith({ capUnboundKeys: true });
		expect((await canUpdate(app)).body.success).toBe(false);
		for (const [path, body] of [
			["/organization/create", { name: "Hooli", slug: "hooli" }],
			["/update-user", { name: "Erin B." }],
			["/api-key/create", {}],
		] as const) {
			expect(await http(app.auth, "POST", path, { headers: app.unbound, body }), path).toMatchObject({
				status: 403,
				body: { code: "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT" },
			});
		}
	});

	test("allowPaths lets a bound key call a path outside its organization, which it may not by default", async () => {
		const call = (app: Awaited<ReturnType<typeof appWith>>) => http(app.auth, "POST", "/update-user", { headers: app.bound, body: { name: "Erin B." } });
		expect(await call(await appWith({}))).toMatchObject({ status: 403, body: { code: "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION" } });
		expect((await call(await appWith({ allowPaths: ["/update-user"] }))).status).toBe(200);
	});

	describe("a path allowed for bound keys, and keys with permissions", () => {
		/** A bound key of Erin's with permissions. */
		const cappedKey = async (app: Awaited<ReturnType<typeof appWith>>) => {
			const created = await api(app.auth, "createApiKey", { body: { userId: app.erin.id, organizationId: app.org.id, permissions: { project: ["read"] } } });
			return new Headers({ "x-api-key": created.body.key });
		};
		const updateUser = (app: Awaited<ReturnType<typeof appWith>>, headers: Headers) =>
			http(app.auth, "POST", "/update-user", { headers, body: { name: "Erin B." } });

		test("allowPaths: bound keys without permissions only", async () => {
			const app = await appWith({ allowPaths: ["/update-user"] });
			expect((await updateUser(app, app.bound)).status).toBe(200);
			expect(await updateUser(app, await cappedKey(app))).toMatchObject({ status: 403, body: { code: "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT" } });
		});

		test("allowPathsForKeysWithPermissions: keys with permissions too", async () => {
			const app = await appWith({ allowPathsForKeysWithPermissions: ["/update-user"] });
			expect((await updateUser(app, app.bound)).status).toBe(200);
			expect((await updateUser(app, await cappedKey(app))).status).toBe(200);
		});
	});

	test("an app's own endpoint under /organization/ is an app path: allowPaths decides, not the prefix", async () => {
		const report = createAuthEndpoint("/organization/app-report", { method: "GET", use: [sessionMiddleware] }, async (ctx) => ctx.json({ ok: true }));
		const appPlugin = { id: "app-report", endpoints: { report } };
		const withPlugin = async (organizationKeys: Record<string, unknown>) => {
			const auth = await createTestAuth(undefined, [appPlugin], { organizationKeys });
			const erin = await signUp(auth, "erin");
			const org = await createOrganization(auth, erin, "initech");
			return { auth, bound: await createKeyHeaders(auth, erin.cookie, { organizationId: org.id }) };
		};
		const byDefault = await withPlugin({});
		expect(await http(byDefault.auth, "GET", "/organization/app-report", { headers: byDefault.bound })).toMatchObject({
			status: 403,
			body: { code: "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION" },
		});
		const allowed = await withPlugin({ allowPaths: ["/organization/app-report"] });
		expect((await http(allowed.auth, "GET", "/organization/app-report", { headers: allowed.bound })).status).toBe(200);
	});
});

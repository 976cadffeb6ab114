// Delegation: a key whose permissions cap its role gives no one a role that
// grants more than the key holds (built-in or dynamic, each role of a list),
// and never changes its own user's role. Generated: every role-giving endpoint
// × every role × key permission sets. A refusal is the endpoint's own 403 for a
// missing permission, with nothing written. Upstream, and the patch before this
// rule, answered 200: a key with member: ["update"] made someone an owner.
import { beforeAll, describe, expect, test } from "vitest";
import { roles as builtInRoles } from "../support/auth";
import { api, type Reply } from "../support/call";
import { expectFixed, isRelease14 } from "../support/expect";
import { changedTables, snapshotTables } from "../support/snapshot";
import { createWorld, signUp, type World } from "../support/world";
import { BOOKKEEPING_COLUMNS } from "./guard";
import { quietBetterAuthLogger } from "./quiet";

type Statements = Record<string, string[]>;

let w: World;
let bobMemberId: string;
quietBetterAuthLogger();

/** Dynamic roles of acme: one narrow, one that grants deleting the organization, one that renames roles. */
const DYNAMIC_ROLES: Record<string, Statements> = {
	auditor: { project: ["read"] },
	demolisher: { organization: ["delete"] },
	renamer: { ac: ["update"] },
};

/**
 * `ac: ["update"]` renames roles (upstream's, for any holder's cookie session): a role
 * that grants it is worth every dynamic role, so a capped key gives none.
 */
const grantsRenaming = (statements: Statements) => statements.ac?.includes("update") === true;

const statementsOf = (role: string): Statements =>
	(DYNAMIC_ROLES[role] ?? (builtInRoles as unknown as Record<string, { statements: Statements }>)[role].statements);

async function memberIdOf(userId: string) {
	const { adapter } = await w.auth.$context;
	const member = await adapter.findOne<{ id: string }>({
		model: "member",
		where: [
			{ field: "organizationId", value: w.org.id },
			{ field: "userId", value: userId },
		],
	});
	return member!.id;
}

beforeAll(async () => {
	w = await createWorld();
	for (const [role, permission] of Object.entries(DYNAMIC_ROLES)) {
		const created = await api(w.auth, "createOrgRole", { headers: w.alice.cookie, body: { role, permission, organizationId: w.org.id } });
		expect(created.status).toBe(200);
	}
	bobMemberId = await memberIdOf(w.bob.id);
});

/** Alice (acme's owner) with a key bound to acme carrying `permissions`, made by the server. */
async function aliceKey(permissions: Statements) {
	const created = await api(w.auth, "createApiKey", { body: { userId: w.alice.id, organizationId: w.org.id, permissions } });
	expect(created.status).toBe(200);
	return new Headers({ "x-api-key": created.body.key });
}

/** Each role a request may give: built-in, dynamic, and lists of them (a comma list and an array). */
const ROLES: [string, string | string[], string[]][] = [
	["owner", "owner", ["owner"]],
	["admin", "admin", ["admin"]],
	["member", "member", ["member"]],
	["the dynamic auditor", "auditor", ["auditor"]],
	["the dynamic demolisher", "demolisher", ["demolisher"]],
	["the dynamic renamer", "renamer", ["renamer"]],
	["the comma list member,auditor", "member,auditor", ["member", "auditor"]],
	["the list [member, admin]", ["member", "admin"], ["member", "admin"]],
];

const union = (...sets: Statements[]): Statements => {
	const merged: Statements = {};
	for (const set of sets) for (const [resource, actions] of Object.entries(set)) merged[resource] = [...new Set([...(merged[resource] ?? []), ...actions])];
	return merged;
};

/** Statements without the resources that list no action. */
const withActions = (statements: Statements): Statements => Object.fromEntries(Object.entries(statements).filter(([, actions]) => actions.length > 0));

const within = (outer: Statements, inner: Statements) =>
	Object.entries(inner).every(([resource, actions]) => actions.every((action) => outer[resource]?.includes(action)));

interface RoleGivingEndpoint {
	name: string;
	/** What the key needs for the endpoint itself. */
	gate: Statements;
	call(headers: Headers, role: string | string[]): Promise<Reply>;
	refusal: string;
	/** Puts back what a granted call changed. */
	undo(): Promise<void>;
}

let invitees = 0;
const ENDPOINTS: RoleGivingEndpoint[] = [
	{
		name: "updateMemberRole (Bob's row)",
		gate: { member: ["update"] },
		call: (headers, role) => api(w.auth, "updateMemberRole", { headers, body: { memberId: bobMemberId, role, organizationId: w.org.id } }),
		refusal: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER",
		undo: async () => {
			const { adapter } = await w.auth.$context;
			await adapter.update({ model: "member", where: [{ field: "id", value: bobMemberId }], update: { role: "member" } });
		},
	},
	{
		name: "createInvitation",
		gate: { invitation: ["create"] },
		call: (headers, role) =>
			api(w.auth, "createInvitation", { headers, body: { email: `invitee-${++invitees}@example.com`, role, organizationId: w.org.id } }),
		refusal: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION",
		undo: async () => {},
	},
];

/** Key permission sets: the gate alone, the gate and what a member holds, the gate and ac:update, the gate and everything an owner holds. */
const KEY_SETS: [string, (gate: Statements) => Statements][] = [
	["only the endpoint's own permission", (gate) => gate],
	// The built-in member role lists resources with no action (`organization: []`): they grant nothing, so a key need not name them.
	["the endpoint's and a member's actions", (gate) => union(gate, withActions(statementsOf("member")))],
	["the endpoint's and a member's", (gate) => union(gate, statementsOf("member"), DYNAMIC_ROLES.auditor)],
	["the endpoint's and ac:update", (gate) => union(gate, DYNAMIC_ROLES.renamer)],
	["the endpoint's and an owner's", (gate) => union(gate, statementsOf("owner"), DYNAMIC_ROLES.auditor, DYNAMIC_ROLES.demolisher)],
];

async function withWrites(call: () => Promise<Reply>) {
	const before = await snapshotTables(w.auth, BOOKKEEPING_COLUMNS);
	const reply = await call();
	return { reply, changed: changedTables(before, await snapshotTables(w.auth, BOOKKEEPING_COLUMNS)) };
}

describe.each(ENDPOINTS)("$name", (endpoint) => {
	describe.each(KEY_SETS)("a key with %s", (_set, permissionsFor) => {
		test.each(ROLES)("giving %s", async (_role, role, named) => {
			const permissions = permissionsFor(endpoint.gate);
			const mayGive = named.every((name) => within(permissions, statementsOf(name)) && !grantsRenaming(statementsOf(name)));
			const key = await aliceKey(permissions);
			const result = await withWrites(() => endpoint.call(key, role));
			await endpoint.undo();
			if (mayGive) {
				expect(result.reply.status).toBe(200);
				return;
			}
			expectFixed(result, {
				fixed: (r) => {
					expect(r.reply).toMatchObject({ status: 403, body: { code: endpoint.refusal } });
					expect(r.changed).toEqual([]);
				},
				// Upstream ignores the key's permissions; the patch before this rule checked only the endpoint's own.
				upstream: (r) => expect(r.reply.status).toBe(200),
			});
		});
	});
});

describe("the key's own user's member row", () => {
	const everything = union(statementsOf("owner"), DYNAMIC_ROLES.auditor, DYNAMIC_ROLES.demolisher);
	let carol: { memberId: string; key: (permissions: Statements) => Promise<Headers> };

	beforeAll(async () => {
		const person = await signUp(w.auth, "carol-admin");
		const added = await api(w.auth, "addMember", { body: { userId: person.id, organizationId: w.org.id, role: "admin" } });
		expect(added.status).toBe(200);
		const key = async (permissions: Statements) => {
			const created = await api(w.auth, "createApiKey", { body: { userId: person.id, organizationId: w.org.id, permissions } });
			return new Headers({ "x-api-key": created.body.key });
		};
		carol = { memberId: added.body.id, key };
	});

	const setOwnRole = async (permissions: Statements, role: string) => {
		const key = await carol.key(permissions);
		const result = await withWrites(() => api(w.auth, "updateMemberRole", { headers: key, body: { memberId: carol.memberId, role, organizationId: w.org.id } }));
		// Put back what upstream changed, so that the next test starts from an admin.
		const { adapter } = await w.auth.$context;
		await adapter.update({ model: "member", where: [{ field: "id", value: carol.memberId }], update: { role: "admin" } });
		return result;
	};

	test.each([["admin"], ["member"], ["auditor"], ["admin,auditor"]])("an admin's key with every permission may not set its own user's role to %s", async (role) => {
		expectFixed(await setOwnRole(everything, role), {
			fixed: (r) => {
				expect(r.reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER" } });
				expect(r.changed).toEqual([]);
			},
			upstream: (r) => expect(r.reply.status).toBe(200),
		});
	});

	test("an admin's narrow key may not make its user admin,auditor", async () => {
		expectFixed(await setOwnRole({ member: ["update"] }, "admin,auditor"), {
			fixed: (r) => expect(r.reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER" } }),
			upstream: (r) => expect(r.reply.status).toBe(200),
		});
	});
});

describe("cookie sessions, and keys without permissions, give roles as before", () => {
	test.each([
		["Alice's cookie session", () => w.alice.cookie],
		["Alice's unbound key", () => w.alice.key],
	])("%s makes Bob an owner, and back", async (_caller, headers) => {
		const reply = await api(w.auth, "updateMemberRole", { headers: headers(), body: { memberId: bobMemberId, role: "owner", organizationId: w.org.id } });
		expect(reply.status).toBe(200);
		await ENDPOINTS[0].undo();
	});
});

describe("a dynamic role's update", () => {
	test.each([
		["within the key's permissions", { project: ["read"] }, 200],
		["beyond them", { project: ["read"], organization: ["delete"] }, 403],
	] as const)("to permissions %s: %s", async (_case, permission, status) => {
		const key = await aliceKey({ ac: ["read", "update"], project: ["read"] });
		const reply = await api(w.auth, "updateOrgRole", { headers: key, body: { roleName: "auditor", data: { permission }, organizationId: w.org.id } });
		expectFixed(reply, {
			fixed: (r) => expect(r.status).toBe(status),
			upstream: status === 403 ? (r) => expect(r.status).toBe(200) : undefined,
		});
	});
});

describe("renaming a dynamic role", () => {
	// A rename moves a name, and every member who holds it, onto other statements: a key that
	// renames its way past its cap gives what it could not give directly. A capped key renames none.
	const narrowKey = () => aliceKey({ member: ["update"], ac: ["read", "update"], project: ["read"] });
	const rename = (headers: Headers, from: string, to: string) =>
		withWrites(() => api(w.auth, "updateOrgRole", { headers, body: { roleName: from, data: { roleName: to }, organizationId: w.org.id } }));
	let pairs = 0;

	/** A narrow and a wide dynamic role of acme, named afresh for each test (upstream's renames stay). */
	async function rolePair() {
		const pair = { narrow: `narrow-${++pairs}`, wide: `wide-${pairs}` };
		for (const [role, permission] of [
			[pair.narrow, { project: ["read"] }],
			[pair.wide, { organization: ["delete"] }],
		] as const) {
			expect((await api(w.auth, "createOrgRole", { headers: w.alice.cookie, body: { role, permission, organizationId: w.org.id } })).status).toBe(200);
		}
		return pair;
	}

	test.each([
		["a role a member may hold, away", (pair: { narrow: string; wide: string }) => [pair.narrow, `${pair.narrow}-old`]],
		["a wide role, to a new name", (pair: { narrow: string; wide: string }) => [pair.wide, `${pair.wide}-2`]],
		["a narrow role, to a new name", (pair: { narrow: string; wide: string }) => [pair.narrow, `${pair.narrow}-2`]],
	])("a key whose permissions cap its role may not rename %s", async (_case, names) => {
		const [from, to] = names(await rolePair());
		expectFixed(await rename(await narrowKey(), from, to), {
			fixed: (r) => {
				expect(r.reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_A_ROLE" } });
				expect(r.changed).toEqual([]);
			},
			upstream: (r) => expect(r.reply.status).toBe(200),
		});
	});

	test("the role the key gave Bob never comes to grant what the key does not hold", async () => {
		const pair = await rolePair();
		const key = await narrowKey();
		expect((await api(w.auth, "updateMemberRole", { headers: key, body: { memberId: bobMemberId, role: pair.narrow, organizationId: w.org.id } })).status).toBe(200);
		await rename(key, pair.narrow, `${pair.narrow}-gone`);
		await rename(key, pair.wide, pair.narrow);
		await ENDPOINTS[0].undo();
		const { adapter } = await w.auth.$context;
		const named = await adapter.findOne<{ permission: string }>({
			model: "organizationRole",
			where: [
				{ field: "organizationId", value: w.org.id },
				{ field: "role", value: pair.narrow },
			],
		});
		expectFixed(JSON.parse(named!.permission), {
			fixed: (permission) => expect(permission).toEqual({ project: ["read"] }),
			upstream: (permission) => expect(permission).toEqual({ organization: ["delete"] }),
		});
	});

	test("Alice's cookie session renames a role as before", async () => {
		const pair = await rolePair();
		const renamed = await api(w.auth, "updateOrgRole", { headers: w.alice.cookie, body: { roleName: pair.wide, data: { roleName: `${pair.wide}-2` }, organizationId: w.org.id } });
		expect(renamed.status).toBe(200);
	});
});

describe("resending an invitation", () => {
	// resend: true extends and re-sends the invitation already pending for the e-mail, with the
	// role it was made with: the role the request names is not the one given.
	const keyPermissions = () => union({ invitation: ["create"] }, statementsOf("member"));
	let invitations = 0;

	async function pendingInvitation(role: string) {
		const email = `resent-${++invitations}@example.com`;
		expect((await api(w.auth, "createInvitation", { headers: w.alice.cookie, body: { email, role, organizationId: w.org.id } })).status).toBe(200);
		return email;
	}

	const resend = async (email: string) => {
		const key = await aliceKey(keyPermissions());
		return withWrites(() => api(w.auth, "createInvitation", { headers: key, body: { email, role: "member", resend: true, organizationId: w.org.id } }));
	};

	test.each([["owner"], ["admin"], ["demolisher"]])("a key may not resend an invitation as %s, naming member", async (role) => {
		expectFixed(await resend(await pendingInvitation(role)), {
			fixed: (r) => {
				expect(r.reply).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_INVITE_USERS_TO_THIS_ORGANIZATION" } });
				expect(r.changed).toEqual([]);
			},
			upstream: (r) => expect(r.reply.status).toBe(200),
		});
	});

	test("a key may resend an invitation whose role it could give", async () => {
		const result = await resend(await pendingInvitation("member"));
		expect(result.reply).toMatchObject({ status: 200, body: { role: "member" } });
	});
});

describe("role names that name no role", () => {
	// 1.4.x's updateMemberRole stores any name (upstream's, for a cookie session); a key whose
	// permissions cap its role gives only a role it can show is within them: a 400 ROLE_NOT_FOUND.
	async function giveBob(role: string | string[]) {
		const key = await aliceKey(union(statementsOf("owner"), DYNAMIC_ROLES.auditor, DYNAMIC_ROLES.demolisher));
		const result = await withWrites(() => api(w.auth, "updateMemberRole", { headers: key, body: { memberId: bobMemberId, role, organizationId: w.org.id } }));
		await ENDPOINTS[0].undo();
		return result;
	}
	// ROLE_NOT_FOUND, or the release's own 400 for an empty list.
	const notFound = (r: { reply: Reply; changed: string[] }) => {
		expect(r.reply.status).toBe(400);
		expect(r.changed).toEqual([]);
	};

	test.each([["OWNER"], ["toString"], ["__proto__"], ["constructor"], [[]], [[""]]] as [string | string[]][])(
		"a key's updateMemberRole to %j is a 400, nothing written",
		async (role) => {
			expectFixed(await giveBob(role), { fixed: notFound, upstream: isRelease14 ? (r) => expect(r.reply.status).toBe(200) : undefined });
		},
	);

	// A name with space around it, or an empty entry: 1.5+ trims and drops them (upstream's 200),
	// 1.4.x stores them as given, a role that grants nothing. A key names each role exactly.
	test.each([[" auditor "], ["auditor,"], [["auditor", " member"]]] as [string | string[]][])("a key's updateMemberRole to %j is a 400, nothing written", async (role) => {
		expectFixed(await giveBob(role), { fixed: notFound, upstream: (r) => expect(r.reply.status).toBe(200) });
	});
});

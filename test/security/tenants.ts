// Two tenants with something in every organization table, and an outsider.
import type { TestAuth } from "../support/auth";
import { api } from "../support/call";
import { addMember, createKeyHeaders, createWorld, type Person, signUp } from "../support/world";

export interface Tenant {
	id: string;
	name: string;
	slug: string;
	owner: Person;
	/** A member who is not the owner, in `team`. */
	member: Person;
	memberId: string;
	ownerMemberId: string;
	team: { id: string; name: string };
	/** Pending, to an address no user has. */
	invitation: { id: string; email: string };
	/** A dynamic role. */
	role: { id: string; name: string };
}

export interface Tenants {
	auth: TestAuth;
	/** Alice's organization, Bob a member. */
	acme: Tenant;
	/** Mallory's organization, Trent a member. */
	globex: Tenant;
	/** Member of no organization. */
	eve: Person;
	/** Member of both organizations. */
	dave: Person;
	/** Dave's key, bound to globex (organization-bound keys, see organization-binding.ts). */
	daveGlobexKey: Headers;
	/** Shaped like a generated id; no organization has it. */
	missingOrgId: string;
}

function ok(reply: { status: number; body: any }, what: string) {
	if (reply.status !== 200) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
	return reply.body;
}

/** Gives the organization a team with the member in it, a pending invitation and a dynamic role. */
export async function furnishTenant(auth: TestAuth, org: { id: string; slug: string }, owner: Person, member: Person): Promise<Tenant> {
	const headers = owner.cookie;
	const organizationId = org.id;
	const members = ok(await api(auth, "listMembers", { headers, query: { organizationId } }), "listMembers");
	const memberIdOf = (p: Person) => members.members.find((m: { userId: string }) => m.userId === p.id).id as string;
	const team = ok(await api(auth, "createTeam", { headers, body: { name: `${org.slug}-team`, organizationId } }), "createTeam");
	ok(await api(auth, "addTeamMember", { headers, body: { teamId: team.id, userId: member.id, organizationId } }), "addTeamMember");
	const email = `invitee-of-${org.slug}@example.com`;
	const invitation = ok(
		await api(auth, "createInvitation", { headers, body: { email, role: "member", organizationId } }),
		"createInvitation",
	);
	const role = ok(
		await api(auth, "createOrgRole", {
			headers,
			body: { role: `${org.slug}-auditor`, permission: { project: ["read"] }, organizationId },
		}),
		"createOrgRole",
	);
	return {
		id: org.id,
		name: org.slug,
		slug: org.slug,
		owner,
		member,
		memberId: memberIdOf(member),
		ownerMemberId: memberIdOf(owner),
		team: { id: team.id, name: team.name },
		invitation: { id: invitation.id, email },
		role: { id: role.roleData.id, name: role.roleData.role },
	};
}

export async function createTenants(): Promise<Tenants> {
	const { auth, alice, bob, mallory, org, otherOrg } = await createWorld();
	const trent = await signUp(auth, "trent");
	await addMember(auth, otherOrg.id, trent);
	const dave = await signUp(auth, "dave");
	await addMember(auth, org.id, dave);
	await addMember(auth, otherOrg.id, dave);
	return {
		auth,
		acme: await furnishTenant(auth, org, alice, bob),
		globex: await furnishTenant(auth, otherOrg, mallory, trent),
		eve: await signUp(auth, "eve"),
		dave,
		daveGlobexKey: await createKeyHeaders(auth, dave.cookie, { organizationId: otherOrg.id }),
		missingOrgId: "0rgDoesNotExist0000000000000000a",
	};
}

/** What a caller outside the tenant must never read: its identifiers, names and people. */
export function secretsOf(t: Tenant): string[] {
	return [
		t.id,
		t.name,
		t.slug,
		t.owner.id,
		t.owner.email,
		t.member.id,
		t.member.email,
		t.memberId,
		t.ownerMemberId,
		t.team.id,
		t.team.name,
		t.invitation.id,
		t.invitation.email,
		t.role.id,
		t.role.name,
	];
}

/** Every string in a JSON value, keys included. */
function strings(value: unknown, into: string[] = []): string[] {
	if (typeof value === "string") into.push(value);
	else if (Array.isArray(value)) for (const v of value) strings(v, into);
	else if (value && typeof value === "object")
		for (const [k, v] of Object.entries(value)) {
			into.push(k);
			strings(v, into);
		}
	return into;
}

/**
 * The secrets a response shows that its request did not already carry: a string
 * equal to a secret, or, for secrets long enough not to occur by chance (ids,
 * e-mail addresses), a string containing one (an error message quoting it).
 */
export function leakedSecrets(secrets: string[], request: unknown, response: unknown): string[] {
	const sent = new Set(strings(request));
	const shown = strings(response);
	return secrets.filter(
		(secret) => !sent.has(secret) && shown.some((s) => s === secret || (secret.length >= 16 && s.includes(secret))),
	);
}

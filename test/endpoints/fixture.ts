// The world the endpoint tests share: createWorld's people and organizations,
// each organization with a second team, a dynamic role and a pending invitation,
// so that a request can name objects of the organization it targets.
import { expect } from "vitest";
import { api, type Reply } from "../support/call";
import { snapshotTables, changedTables, type Snapshot } from "../support/snapshot";
import { addMember, createTeam, createWorld, expectOk, invite, signUp, type Person, type World } from "../support/world";

export interface OrganizationObjects {
	id: string;
	slug: string;
	/** A team besides the default one, with the owner in it. */
	teamId: string;
	/** A dynamic role of the organization. */
	roleName: string;
	/** The owner's member row. */
	ownerMemberId: string;
	ownerEmail: string;
}

export interface EndpointWorld extends World {
	/** Member of nothing; invited to `acme`. */
	carol: Person;
	acme: OrganizationObjects;
	/** Mallory's organization: the "another user's organization" of every test. */
	globex: OrganizationObjects;
}

export const ROLE_NAME = "auditor";

const ok = async (reply: Promise<Reply>, what: string) => expectOk(await reply, what);

async function memberId(w: World, organizationId: string, userId: string): Promise<string> {
	const members = (await (await w.auth.$context).adapter.findMany({
		model: "member",
		where: [{ field: "organizationId", value: organizationId }],
	})) as { id: string; userId: string }[];
	return members.find((m) => m.userId === userId)!.id;
}

async function furnish(w: World, owner: Person, org: { id: string; slug: string }): Promise<OrganizationObjects> {
	const teamId = await createTeam(w.auth, owner, org.id, `${org.slug}-eng`);
	// Straight through the adapter: on 1.4.x a cookie session's addTeamMember only acts on its active organization.
	await (await w.auth.$context).adapter.create({ model: "teamMember", data: { teamId, userId: owner.id, createdAt: new Date() } });
	await ok(
		api(w.auth, "createOrgRole", {
			headers: owner.cookie,
			body: { role: ROLE_NAME, permission: { project: ["read"] }, organizationId: org.id },
		}),
		"createOrgRole",
	);
	return { ...org, teamId, roleName: ROLE_NAME, ownerMemberId: await memberId(w, org.id, owner.id), ownerEmail: owner.email };
}

export async function createEndpointWorld(): Promise<EndpointWorld> {
	const w = await createWorld();
	const carol = await signUp(w.auth, "carol");
	const acme = await furnish(w, w.alice, w.org);
	const globex = await furnish(w, w.mallory, w.otherOrg);
	await invite(w.auth, w.alice, acme.id, carol.email);
	await invite(w.auth, w.mallory, globex.id, carol.email);
	return { ...w, carol, acme, globex };
}

let freshCount = 0;

/**
 * A new organization owned by Alice with Bob as a member, furnished like `acme`,
 * for tests that change it. Created without a session, so no cookie session's
 * active organization moves.
 */
export async function freshOrganization(w: EndpointWorld): Promise<OrganizationObjects & { bobMemberId: string }> {
	const slug = `fresh-${++freshCount}`;
	const org = await ok(api(w.auth, "createOrganization", { body: { name: slug, slug, userId: w.alice.id } }), "createOrganization");
	await addMember(w.auth, org.id, w.bob);
	const objects = await furnish(w, w.alice, { id: org.id, slug });
	return { ...objects, bobMemberId: await memberId(w, org.id, w.bob.id) };
}

/** A user invited to `organizationId` (and the team), with the invitation's id. */
export async function invitee(w: EndpointWorld, organizationId: string, teamId?: string) {
	const person = await signUp(w.auth, `invitee-${++freshCount}`);
	return { person, invitationId: await invite(w.auth, w.alice, organizationId, person.email, teamId) };
}

/** Rows of a model, read through the real adapter. */
export async function rows<T = Record<string, any>>(w: World, model: string, where: Record<string, unknown> = {}): Promise<T[]> {
	return (await (await w.auth.$context).adapter.findMany({
		model,
		where: Object.entries(where).map(([field, value]) => ({ field, value: value as string })),
	})) as T[];
}

/** Using a key updates its own row (last request, counters): that is not a write by the endpoint. */
const KEY_USAGE = { apikey: ["lastRequest", "requestCount", "updatedAt"] };

/** Runs the calls and asserts that no table changed. */
export async function expectNothingWritten<T>(w: World, calls: () => Promise<T>): Promise<T> {
	const before: Snapshot = await snapshotTables(w.auth, KEY_USAGE);
	const result = await calls();
	expect(changedTables(before, await snapshotTables(w.auth, KEY_USAGE))).toEqual([]);
	return result;
}

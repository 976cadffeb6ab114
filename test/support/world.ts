import { createTestAuth, type TestAuth } from "./auth";
import { api } from "./call";

export interface Person {
	id: string;
	email: string;
	/** Cookie-session headers. */
	cookie: Headers;
	/** Headers carrying a fresh API key of this user. */
	key: Headers;
}

export interface World {
	auth: TestAuth;
	/** Owner of `org`. */
	alice: Person;
	/** A plain member of `org`. */
	bob: Person;
	/** Owner of `otherOrg`, member of nothing else. */
	mallory: Person;
	org: { id: string; slug: string };
	otherOrg: { id: string; slug: string };
	/** An id no organization has. */
	missingOrgId: string;
}

export function expectOk<T>(reply: { status: number; body: T }, what: string): T {
	if (reply.status !== 200) throw new Error(`${what} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
	return reply.body;
}

/** A new user and its cookie session, without the API key signUp gives it. */
export async function signUpWithoutKey(auth: TestAuth, name: string): Promise<Omit<Person, "key">> {
	const email = `${name}@example.com`;
	const response = (await (auth.api as any).signUpEmail({
		body: { email, password: "correct horse battery staple", name },
		asResponse: true,
	})) as Response;
	const { user } = await response.json();
	const cookie = new Headers({
		cookie: response.headers
			.getSetCookie()
			.map((c) => c.split(";")[0])
			.join("; "),
	});
	return { id: user.id, email, cookie };
}

export async function signUp(auth: TestAuth, name: string): Promise<Person> {
	const person = await signUpWithoutKey(auth, name);
	return { ...person, key: await createKeyHeaders(auth, person.cookie) };
}

/** Creates an API key with the owner's cookie session, as a user would from their settings page. */
export async function createKeyHeaders(auth: TestAuth, cookie: Headers, body: Record<string, unknown> = {}) {
	const created = expectOk(await api(auth, "createApiKey", { headers: cookie, body }), "createApiKey");
	return new Headers({ "x-api-key": created.key });
}

export async function createOrganization(auth: TestAuth, owner: Pick<Person, "cookie">, slug: string) {
	const org = expectOk(
		await api(auth, "createOrganization", { headers: owner.cookie, body: { name: slug, slug } }),
		"createOrganization",
	);
	return { id: org.id as string, slug };
}

export async function addMember(auth: TestAuth, organizationId: string, person: Person, role = "member") {
	expectOk(
		await api(auth, "addMember", { body: { userId: person.id, organizationId, role } }),
		"addMember",
	);
}

/** Alice owns `org` with Bob as a member; Mallory owns `otherOrg`. */
export async function createWorld(): Promise<World> {
	const auth = await createTestAuth();
	const alice = await signUp(auth, "alice");
	const bob = await signUp(auth, "bob");
	const mallory = await signUp(auth, "mallory");
	const org = await createOrganization(auth, alice, "acme");
	const otherOrg = await createOrganization(auth, mallory, "globex");
	await addMember(auth, org.id, bob);
	return { auth, alice, bob, mallory, org, otherOrg, missingOrgId: "org_does_not_exist" };
}

/** A team in the organization, created by a member with a cookie session (the active organization stays as it was). */
export async function createTeam(auth: TestAuth, creator: Person, organizationId: string, name: string) {
	const team = expectOk(
		await api(auth, "createTeam", { headers: creator.cookie, body: { name, organizationId } }),
		"createTeam",
	);
	return team.id as string;
}

/** A pending invitation of `email` to the organization (and team, when given), sent by `inviter`. */
export async function invite(auth: TestAuth, inviter: Person, organizationId: string, email: string, teamId?: string) {
	const invitation = expectOk(
		await api(auth, "createInvitation", {
			headers: inviter.cookie,
			body: { email, role: "member", organizationId, ...(teamId ? { teamId } : {}) },
		}),
		"createInvitation",
	);
	return invitation.id as string;
}

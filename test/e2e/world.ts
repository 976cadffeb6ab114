// The people and organizations of the end-to-end tests, made over HTTP through
// the example app, as its users would.
import {
	type Account,
	type AppClient,
	addMember,
	createApiKey,
	createOrganization,
	signUp,
} from "../../packages/example-app/scripts/client";
import { unpatched } from "../support/expect";
import { version } from "../support/target";

/** The example app depends on better-auth 1.7.25, patched: its tests run in that project only. */
export const runsExampleApp = version === "1.7.25" && !unpatched;

export interface Person extends Account {
	/** Headers sending an API key of this person. */
	key: Headers;
	/** Their member id in acme, if any. */
	memberId?: string;
}

export interface HttpWorld {
	/** Owner of acme. */
	alice: Person;
	/** Admin of acme: may create projects. */
	bob: Person;
	/** Member of acme: may read projects. */
	carol: Person;
	/** Owner of globex, in nothing else. */
	mallory: Person;
	acme: string;
	globex: string;
}

async function person(http: AppClient, name: string): Promise<Person> {
	const account = await signUp(http, name);
	return { ...account, key: await createApiKey(http, account) };
}

export async function createHttpWorld(http: AppClient): Promise<HttpWorld> {
	const [alice, bob, carol, mallory] = [
		await person(http, "alice"),
		await person(http, "bob"),
		await person(http, "carol"),
		await person(http, "mallory"),
	];
	const acme = await createOrganization(http, alice, "acme");
	const globex = await createOrganization(http, mallory, "globex");
	bob.memberId = await addMember(http, acme, alice, bob, "admin");
	carol.memberId = await addMember(http, acme, alice, carol, "member");
	return { alice, bob, carol, mallory, acme, globex };
}

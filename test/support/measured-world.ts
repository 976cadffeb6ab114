// A small world: Alice owns "acme" (her cookie session has it active), Bob is a
// member with an unbound API key. The statement tests build it on a database
// that records its SQL statements; the benchmark serves it over HTTP.
import { createTestAuth, type TestAuth } from "./auth";
import { createStatementLog, type StatementLog } from "./statement-log";
import { addMember, createOrganization, type Person, signUp } from "./world";

export interface SmallWorld {
	alice: Person;
	bob: Person;
	org: { id: string; slug: string };
}

export async function populateSmallWorld(auth: TestAuth): Promise<SmallWorld> {
	const alice = await signUp(auth, "alice");
	const bob = await signUp(auth, "bob");
	const org = await createOrganization(auth, alice, "acme");
	await addMember(auth, org.id, bob);
	return { alice, bob, org };
}

export interface MeasuredWorld extends SmallWorld {
	auth: TestAuth;
	log: StatementLog;
}

export async function createMeasuredWorld(): Promise<MeasuredWorld> {
	const log = createStatementLog();
	const auth = await createTestAuth(log.database);
	return { auth, log, ...(await populateSmallWorld(auth)) };
}

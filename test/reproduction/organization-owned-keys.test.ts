// An app with a second api-key configuration whose keys organizations own
// (`references: "organization"`, 1.5+): a key bound to one organization manages
// that organization's keys as its user's role allows, and sees no other
// organization's, even where its user's role there would allow it.
import { beforeAll, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api, type Reply } from "../support/call";
import { expectFixed, since } from "../support/expect";
import { changedTables, snapshotTables } from "../support/snapshot";
import { BOOKKEEPING_COLUMNS } from "../security/guard";
import { createKeyHeaders, createOrganization, expectOk, type Person, signUp, signUpWithoutKey } from "../support/world";

const ORGANIZATION_KEYS = "organization-keys";

let auth: TestAuth;
let alice: Person;
let boundToGlobex: Headers;
/** Keys owned by each organization, created by alice, owner of both. */
const owned = { acme: "", globex: "" };
let acmeId: string;
let globexId: string;

beforeAll(async () => {
	if (!since("1.5.0")) return;
	auth = await createTestAuth(undefined, [], [{ configId: "default" }, { configId: ORGANIZATION_KEYS, references: "organization", defaultPrefix: "org_" }]);
	alice = await signUp(auth, "alice");
	acmeId = (await createOrganization(auth, alice, "acme")).id;
	globexId = (await createOrganization(auth, alice, "globex")).id;
	for (const [name, organizationId] of [["acme", acmeId], ["globex", globexId]] as const) {
		const created = await api(auth, "createApiKey", { headers: alice.cookie, body: { configId: ORGANIZATION_KEYS, organizationId } });
		owned[name] = expectOk(created, `createApiKey owned by ${name}`).id;
	}
	boundToGlobex = await createKeyHeaders(auth, alice.cookie, { organizationId: globexId });
});

// Upstream's code for a missing key.
const notFound = (reply: Reply) => expect(reply).toMatchObject({ status: 404, body: { code: "KEY_NOT_FOUND" } });

describe.skipIf(!since("1.5.0"))("a key bound to globex, whose user owns acme too", () => {
	test("lists globex's keys, and is refused acme's", async () => {
		const list = (organizationId: string) => api(auth, "listApiKeys", { headers: boundToGlobex, query: { configId: ORGANIZATION_KEYS, organizationId } });
		const [own, other] = [await list(globexId), await list(acmeId)];
		const ids = (reply: Reply) => (reply.body.apiKeys as { id: string }[]).map((key) => key.id);
		expect(ids(own)).toEqual([owned.globex]);
		expectFixed(other, {
			fixed: (r) => expect(r).toMatchObject({ status: 403, body: { code: "API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION" } }),
			upstream: (r) => expect(ids(r)).toEqual([owned.acme]),
		});
	});

	test("reads a key globex owns, and acme's as a missing one", async () => {
		const read = (id: string) => api(auth, "getApiKey", { headers: boundToGlobex, query: { id, configId: ORGANIZATION_KEYS } });
		const [own, other, missing] = [await read(owned.globex), await read(owned.acme), await read("key-that-does-not-exist")];
		expect(own).toMatchObject({ status: 200, body: { id: owned.globex } });
		notFound(missing);
		expectFixed(other, {
			fixed: (r) => expect(r).toEqual(missing),
			upstream: (r) => expect(r).toMatchObject({ status: 200, body: { id: owned.acme } }),
		});
	});

	test("cannot disable, rename or delete a key acme owns, and writes nothing", async () => {
		const before = await snapshotTables(auth, BOOKKEEPING_COLUMNS);
		const replies = [
			await api(auth, "updateApiKey", { headers: boundToGlobex, body: { keyId: owned.acme, configId: ORGANIZATION_KEYS, enabled: false, name: "taken over" } }),
			await api(auth, "deleteApiKey", { headers: boundToGlobex, body: { keyId: owned.acme, configId: ORGANIZATION_KEYS } }),
		];
		const changed = changedTables(before, await snapshotTables(auth, BOOKKEEPING_COLUMNS));
		expectFixed({ replies, changed }, {
			fixed: (r) => {
				for (const reply of r.replies) notFound(reply);
				expect(r.changed).toEqual([]);
			},
			upstream: (r) => expect(r.replies.map((reply) => reply.status)).toEqual([200, 200]),
		});
	});

	test("still updates and deletes a key globex owns, as its user's role allows", async () => {
		const renamed = await api(auth, "updateApiKey", { headers: boundToGlobex, body: { keyId: owned.globex, configId: ORGANIZATION_KEYS, name: "ci" } });
		const deleted = await api(auth, "deleteApiKey", { headers: boundToGlobex, body: { keyId: owned.globex, configId: ORGANIZATION_KEYS } });
		expect(renamed).toMatchObject({ status: 200, body: { id: owned.globex, name: "ci" } });
		expect(deleted).toMatchObject({ status: 200, body: { success: true } });
	});
});

// The bound key in a named configuration, the default one owned by organizations:
// creating with no configId is creating in the default configuration.
describe.skipIf(!since("1.5.0"))("a bound key of a named configuration, when organizations own the default one's keys", () => {
	test("creating with no configId is refused as another configuration, whatever organization it names, and creates nothing", async () => {
		const app = await createTestAuth(undefined, [], [{ configId: "default", references: "organization", enableSessionForAPIKeys: false }, { configId: "user-keys" }]);
		// signUp's key would be created in the default configuration, which needs an organization here.
		const erin = await signUpWithoutKey(app, "erin");
		const own = (await createOrganization(app, erin, "acme")).id;
		const other = (await createOrganization(app, erin, "globex")).id;
		const bound = await createKeyHeaders(app, erin.cookie, { configId: "user-keys", organizationId: own });
		const before = await snapshotTables(app, BOOKKEEPING_COLUMNS);
		const replies = [];
		for (const organizationId of [own, other, "organization-that-does-not-exist"]) {
			replies.push(await api(app, "createApiKey", { headers: bound, body: { organizationId } }));
		}
		const changed = changedTables(before, await snapshotTables(app, BOOKKEEPING_COLUMNS));
		expectFixed({ replies, changed }, {
			fixed: (r) => {
				for (const reply of r.replies) expect(reply).toMatchObject({ status: 403, body: { code: "API_KEY_IS_BOUND_TO_ITS_CONFIGURATION" } });
				expect(r.changed).toEqual([]);
			},
			// Upstream has no binding: the user's key creates the organization's key.
			upstream: (r) => expect(r.replies[0].status).toBe(200),
		});
	});
});

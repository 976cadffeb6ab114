// A slug can change hands between two lookups of one request: an organization renamed,
// and another given its old slug, while the request runs. The request must act on the
// organization its checks were made for, never on the one that took the slug in between.
// The rename lands right after the n-th lookup of the slug, for every n the request makes,
// and the test asserts each rename happened.
import Database from "better-sqlite3";
import { beforeAll, describe, expect, test } from "vitest";
import { createTestAuth, type TestAuth } from "../support/auth";
import { api, type Reply } from "../support/call";
import { needs } from "../support/capabilities";
import { onMariadb, onPostgres } from "../support/database";
import { since, unpatched } from "../support/expect";
import { addMember, createKeyHeaders, createOrganization, type Person, signUp } from "../support/world";

interface Rename {
	slug: string;
	lookup: number;
	toId: string;
}

let pending: Rename | null = null;
/** The slug whose lookups are counted, and how many the request made. */
let watched: string | null = null;
let lookupsSeen = 0;
let renamesDone = 0;
// better-sqlite3 reports each statement, its values in place, just before it runs.
const database = new Database(":memory:", {
	verbose: (sql) => {
		if (!watched || !String(sql).includes(`"slug" = '${watched}'`)) return;
		const rename = pending;
		if (++lookupsSeen !== rename?.lookup) return;
		pending = null;
		queueMicrotask(() => giveSlug(rename.slug, rename.toId));
	},
});
const setSlug = (slug: string, id: string) => database.prepare("update organization set slug = ? where id = ?").run(slug, id);
const slugs = new Map<string, string>();

function giveSlug(slug: string, toId: string) {
	const holder = [...slugs].find(([, s]) => s === slug)?.[0];
	if (holder) setSlug(`${slug}-renamed`, holder);
	setSlug(slug, toId);
	renamesDone++;
}

function restoreSlugs() {
	for (const [id] of slugs) setSlug(`restoring-${id}`, id);
	for (const [id, slug] of slugs) setSlug(slug, id);
}

let auth: TestAuth;
let alice: Person;
let acme: { id: string; slug: string };
let initech: { id: string; slug: string };
let globex: { id: string; slug: string };

beforeAll(async () => {
	auth = await createTestAuth(database);
	alice = await signUp(auth, "alice");
	const bob = await signUp(auth, "bob");
	const mallory = await signUp(auth, "mallory");
	acme = await createOrganization(auth, alice, "acme");
	initech = await createOrganization(auth, bob, "initech");
	globex = await createOrganization(auth, mallory, "globex");
	await addMember(auth, initech.id, alice, "admin");
	for (const org of [acme, initech, globex]) slugs.set(org.id, org.slug);
});

/** How many times `send` looks the slug up, unraced. */
async function lookupsOf(slug: string, send: () => Promise<Reply>) {
	watched = slug;
	lookupsSeen = 0;
	try {
		await send();
		return lookupsSeen;
	} finally {
		watched = null;
	}
}

/**
 * The reply to `send` with the slug given to `toId` right after its n-th lookup, for
 * every lookup the request makes. Asserts that the request looks the slug up and that
 * each rename happened: a statement text that no longer matches would race nothing.
 */
async function racedReplies(slug: string, toId: string, send: () => Promise<Reply>) {
	const lookups = await lookupsOf(slug, send);
	expect(lookups, "the request looks the slug up").toBeGreaterThan(0);
	const replies: Reply[] = [];
	for (let lookup = 1; lookup <= lookups; lookup++) {
		watched = slug;
		lookupsSeen = 0;
		pending = { slug, lookup, toId };
		const renamesBefore = renamesDone;
		try {
			replies.push(await send());
		} finally {
			pending = null;
			watched = null;
			restoreSlugs();
		}
		expect(renamesDone - renamesBefore, `the slug changed hands after lookup ${lookup} of ${lookups}`).toBe(1);
	}
	return replies;
}

const mentions = (reply: Reply, id: string) => JSON.stringify(reply.body ?? null).includes(id);

describe.skipIf(onPostgres || onMariadb)("on SQLite, whose statements can be interleaved with the request's", () => {
	test("getFullOrganization by slug, cookie session: never the organization that took the slug after the membership check", async () => {
		const send = () => api(auth, "getFullOrganization", { headers: alice.cookie, query: { organizationSlug: acme.slug } });
		for (const reply of await racedReplies(acme.slug, globex.id, send)) {
			expect(reply.status === 403 || reply.body?.id === acme.id, JSON.stringify(reply)).toBe(true);
			expect(mentions(reply, globex.id)).toBe(false);
		}
	});

	const slugEndpoints = [
		["getFullOrganization", (r: Reply) => r.body?.id === acme.id],
		["listMembers", (r: Reply) => r.body?.members?.every((m: { organizationId: string }) => m.organizationId === acme.id)],
		["getActiveMemberRole", (r: Reply) => r.body?.role === "owner"],
		...(since("1.7.0") ? [["getOrganization", (r: Reply) => r.body?.id === acme.id] as const] : []),
	] as const;
	(unpatched ? describe.skip : needs("boundKeySlugRace").describe)("a key bound to acme, whose user is an admin of initech", () => {
		test.each(slugEndpoints)("%s by acme's slug never serves initech, which took the slug mid-request", async (endpoint, isAcmes) => {
			const boundKey = await createKeyHeaders(auth, alice.cookie, { organizationId: acme.id });
			const send = () => api(auth, endpoint, { headers: boundKey, query: { organizationSlug: acme.slug } });
			expect(isAcmes(await send()), "unraced, the request serves acme").toBe(true);
			for (const reply of await racedReplies(acme.slug, initech.id, send)) {
				expect(reply.status === 403 || isAcmes(reply), JSON.stringify(reply)).toBe(true);
				expect(mentions(reply, initech.id)).toBe(false);
			}
		});
	});
});

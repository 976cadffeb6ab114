// The patch costs cookie-session requests no SQL statement; API-key requests
// run at the floor (key, user and member reads, one write), a bound key's
// without an organization id as many as with one. Each request is measured on
// the patched packages and on the published ones of the same release, in the
// same test, and printed.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api, type Reply } from "../support/call";
import { createMeasuredWorld, type MeasuredWorld } from "../support/measured-world";
import { abbreviate } from "../support/statement-log";
import { needs } from "../support/capabilities";
import { projectName, since } from "../support/expect";
import { comparisonUnavailable, importUnpatched } from "../support/unpatched";
import { createKeyHeaders, signUp } from "../support/world";

if (comparisonUnavailable) console.log(`${projectName}: statement counts skipped: ${comparisonUnavailable}`);

type Input = Parameters<typeof api>[2];
interface Measured {
	reply: Reply;
	statements: string[];
}

const expiredKeySweep = /^delete from "apikey"/i;

/** What a statement does, to which table: "select member", "update apikey". */
function tableTouched(statement: string): string {
	const write = /^(update|insert into|delete from) "(\w+)"/i.exec(statement);
	if (write) return `${write[1].split(" ")[0].toLowerCase()} ${write[2]}`;
	const read = /^select .*? from \(select \* from "(\w+)"|^select .*? from "(\w+)"/i.exec(statement);
	return read ? `select ${read[1] ?? read[2]}` : statement;
}

/**
 * One request's statements. The same request runs once before, unrecorded: the
 * first call of a kind does one-off work. The api-key plugin also deletes
 * expired keys at most every 10 s, on whichever request comes due; a measured
 * call that drew that sweep is measured again, as the next cannot draw it.
 */
async function measure(world: MeasuredWorld, endpoint: string, input: Input): Promise<Measured> {
	await api(world.auth, endpoint, input);
	const record = () => world.log.record(() => api(world.auth, endpoint, input));
	let measured = await record();
	if (measured.statements.some((statement) => expiredKeySweep.test(statement))) measured = await record();
	return { reply: measured.result, statements: measured.statements };
}

/** The statements of each run, for the message of an assertion on their number. */
const listing = (runs: Record<string, Measured>) =>
	Object.entries(runs)
		.map(([variant, { statements }]) => [`${variant}:`, ...statements.map((statement) => `  ${abbreviate(statement)}`)].join("\n"))
		.join("\n");

const counted: string[] = [];

/** One line per scenario, printed together after the file; listing() gives the statements where a count is asserted. */
function print(scenario: string, runs: Record<string, Measured>) {
	const counts = Object.entries(runs).map(([variant, { reply, statements }]) => `${variant} ${statements.length} (HTTP ${reply.status})`);
	counted.push(`  ${scenario}: ${counts.join(", ")}`);
}

afterAll(() => {
	if (counted.length) console.log([`${projectName}, statements per request:`, ...counted].join("\n"));
});

/** The statements of `a` that `b` does not have, as a multiset difference. */
function without(a: string[], b: string[]): string[] {
	const rest = [...b];
	return a.filter((statement) => {
		const i = rest.indexOf(statement);
		if (i === -1) return true;
		rest.splice(i, 1);
		return false;
	});
}

// 1.4.x with zod >= 4.4 rejects every hasPermission body that lacks an explicit
// `permission: undefined` (see /work/shared/UPSTREAM.md); a server call can send
// it, so the published packages answer and the two can be compared.
const readPermission = { permissions: { organization: ["read"] }, permission: undefined };
const allowed = { status: 200, body: { error: null, success: true } };

// Counted on SQLite in every run (its driver reports each statement), PostgreSQL runs included.
describe.skipIf(comparisonUnavailable)("statements per request on SQLite, patched against the published packages", () => {
	let patched: MeasuredWorld;
	let upstream: MeasuredWorld;
	beforeAll(async () => {
		patched = await createMeasuredWorld();
		upstream = await importUnpatched(async () => (await import("../support/measured-world")).createMeasuredWorld());
	});

	/** The same request on the patched and the published package, printed. */
	async function measureBoth(scenario: string, endpoint: string, input: (w: MeasuredWorld) => Input) {
		const runs = {
			patched: await measure(patched, endpoint, input(patched)),
			unpatched: await measure(upstream, endpoint, input(upstream)),
		};
		print(scenario, runs);
		return runs;
	}

	test("getSession by cookie runs exactly the statements it runs unpatched", async () => {
		const runs = await measureBoth("getSession by cookie", "getSession", (w) => ({ headers: w.alice.cookie }));
		expect(runs.patched.reply.status).toBe(200);
		expect(runs.unpatched.reply.status).toBe(200);
		expect(runs.patched.statements).toEqual(runs.unpatched.statements);
	});

	// The patch reads the member without joining its user: the session holds the user already.
	needs("statementFloor").test("hasPermission by cookie on the active organization runs upstream's statements but the second read of the user", async () => {
		const runs = await measureBoth("hasPermission by cookie", "hasPermission", (w) => ({
			headers: w.alice.cookie,
			body: readPermission,
		}));
		expect(runs.patched.reply).toEqual(allowed);
		expect(runs.unpatched.reply).toEqual(allowed);
		expect(without(runs.patched.statements, runs.unpatched.statements)).toEqual([]);
		const dropped = without(runs.unpatched.statements, runs.patched.statements);
		expect(dropped).toHaveLength(1);
		expect(dropped[0]).toMatch(/ from "user" where /);
	});

	// The floor: the key, its user and the member read, the key's use written once (upstream writes
	// it up to three times from 1.6.17). The app's dynamic access control adds its role read, upstream too.
	needs("statementFloor").test("hasPermission by API key with an explicit organizationId reads the key, its user and the member, and writes the key once", async () => {
		const runs = await measureBoth("hasPermission by API key with organizationId", "hasPermission", (w) => ({
			headers: w.bob.key,
			body: { ...readPermission, organizationId: w.org.id },
		}));
		expect(runs.patched.reply).toEqual(allowed);
		expect(runs.unpatched.reply).toEqual(allowed);
		expect(runs.patched.statements.map(tableTouched)).toEqual([
			"select apikey",
			"update apikey",
			"select user",
			"select member",
			"select organizationRole",
		]);
		expect(runs.patched.statements.length, listing(runs)).toBeLessThan(runs.unpatched.statements.length);
		expect(runs.unpatched.statements.map(tableTouched)).toContain("select organizationRole");
	});

	// 1.4.x writes back the whole api-key row, so there the patched statement also
	// names the key's organizationId column: the same statements, one column wider.
	test("getSession by an unbound API key runs no more statements than unpatched", async () => {
		const runs = await measureBoth("getSession by API key", "getSession", (w) => ({ headers: w.bob.key }));
		expect(runs.patched.reply.status).toBe(200);
		expect(runs.unpatched.reply.status).toBe(200);
		expect(runs.patched.statements.length, listing(runs)).toBeLessThanOrEqual(runs.unpatched.statements.length);
	});

	// Unpatched, getActiveMember takes no organization id, so an API key cannot use
	// it. Its own statements (the request's minus those of getSession with the same
	// credential) are compared with upstream's for a cookie session's active organization.
	test("getActiveMember by API key with an explicit organizationId does the work upstream does for a cookie session", async () => {
		const runs = {
			"patched, API key with organizationId": await measure(patched, "getActiveMember", {
				headers: patched.bob.key,
				query: { organizationId: patched.org.id },
			}),
			"patched, getSession by API key": await measure(patched, "getSession", { headers: patched.bob.key }),
			"unpatched, cookie on the active organization": await measure(upstream, "getActiveMember", { headers: upstream.alice.cookie }),
			"unpatched, getSession by cookie": await measure(upstream, "getSession", { headers: upstream.alice.cookie }),
		};
		print("getActiveMember", runs);
		const [byKey, keySession, byCookie, cookieSession] = Object.values(runs);
		expect(byKey.reply).toMatchObject({ status: 200, body: { userId: patched.bob.id, organizationId: patched.org.id } });
		expect(byCookie.reply).toMatchObject({ status: 200, body: { userId: upstream.alice.id, organizationId: upstream.org.id } });
		expect(without(byKey.statements, keySession.statements)).toEqual(without(byCookie.statements, cookieSession.statements));
	});

	// Upstream loaded the whole organization (members, invitations, teams) before checking membership,
	// and stopped at the organization lookup for a missing one: a non-member could tell them apart by time.
	// setActiveOrganization by slug answered 400 for a missing one after the slug read alone.
	const byNonMember: [string, string, "id" | "slug", string, "query" | "body"][] = [
		["getFullOrganization", "organizationId", "id", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "query"],
		["getFullOrganization", "organizationSlug", "slug", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "query"],
		["listMembers", "organizationSlug", "slug", "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", "query"],
		["getActiveMemberRole", "organizationSlug", "slug", "YOU_ARE_NOT_A_MEMBER_OF_THIS_ORGANIZATION", "query"],
		["setActiveOrganization", "organizationSlug", "slug", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "body"],
		...(since("1.7.0") ? [["getOrganization", "organizationId", "id", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION", "query"] as [string, string, "id", string, "query"]] : []),
	];
	for (const [endpoint, parameter, kind, code, where] of byNonMember) {
		const gate = kind === "slug" ? needs("sameStatementsBySlug") : { test };
		gate.test(`${endpoint} by ${parameter} for a non-member runs the same statements for someone else's organization as for a missing one`, async () => {
			const eve = await signUp(patched.auth, `eve-${endpoint}-${kind}`);
			const naming = (value: string) => ({ headers: eve.cookie, [where]: { [parameter]: value } });
			const runs = {
				"non-member, someone else's organization": await measure(patched, endpoint, naming(kind === "id" ? patched.org.id : patched.org.slug)),
				"non-member, a missing organization": await measure(patched, endpoint, naming(kind === "id" ? "org_does_not_exist" : "slug-does-not-exist")),
			};
			print(`${endpoint} by ${parameter} for a non-member (patched only)`, runs);
			const [foreign, missing] = Object.values(runs);
			expect(foreign.reply).toMatchObject({ status: 403, body: { code } });
			expect(missing.reply).toEqual(foreign.reply);
			expect(foreign.statements.length, listing(runs)).toBe(missing.statements.length);
			expect(foreign.statements.filter((statement) => / from "(invitation|team)"/.test(statement))).toEqual([]);
		});
	}

	test("getFullOrganization by cookie on an organization of the caller's runs as many statements as unpatched", async () => {
		const runs = await measureBoth("getFullOrganization by cookie", "getFullOrganization", (w) => ({
			headers: w.alice.cookie,
			query: { organizationId: w.org.id },
		}));
		expect(runs.patched.reply.status).toBe(200);
		expect(runs.unpatched.reply.status).toBe(200);
		expect(runs.patched.statements.length, listing(runs)).toBe(runs.unpatched.statements.length);
	});

	// The api-key hook reads the member row to apply the binding; the endpoint reuses it.
	needs("boundKeys").test("hasPermission by a bound key without organizationId runs the statements of an unbound key's call with the id", async () => {
		const boundKey = await createKeyHeaders(patched.auth, patched.bob.cookie, { organizationId: patched.org.id });
		const runs = {
			"bound key, no organizationId": await measure(patched, "hasPermission", { headers: boundKey, body: readPermission }),
			"unbound key with organizationId": await measure(patched, "hasPermission", {
				headers: patched.bob.key,
				body: { ...readPermission, organizationId: patched.org.id },
			}),
		};
		print("hasPermission by bound key (patched only)", runs);
		const [bound, explicit] = Object.values(runs);
		expect(bound.reply).toEqual(allowed);
		expect(explicit.reply).toEqual(allowed);
		expect(bound.statements).toEqual(explicit.statements);
	});

	// The key's permissions are on the key row the hook reads already.
	needs("keyPermissions").test("hasPermission by a bound key with permissions runs the statements of one without", async () => {
		const created = await api(patched.auth, "createApiKey", {
			headers: patched.bob.cookie,
			body: { organizationId: patched.org.id, permissions: { organization: ["read"] } },
		});
		const withPermissions = new Headers({ "x-api-key": created.body.key });
		const withoutPermissions = await createKeyHeaders(patched.auth, patched.bob.cookie, { organizationId: patched.org.id });
		const runs = {
			"bound key with permissions": await measure(patched, "hasPermission", { headers: withPermissions, body: readPermission }),
			"bound key without": await measure(patched, "hasPermission", { headers: withoutPermissions, body: readPermission }),
		};
		print("hasPermission by bound key with permissions (patched only)", runs);
		expect(runs["bound key with permissions"].reply).toEqual(allowed);
		expect(runs["bound key without"].reply).toEqual(allowed);
		expect(runs["bound key with permissions"].statements).toEqual(runs["bound key without"].statements);
	});
});

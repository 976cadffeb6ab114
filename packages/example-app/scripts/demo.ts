// First the report's calls (better-auth issue #6307) on better-auth as
// published beside the patched packages, in-process. Then starts the app on a
// free loopback port (in-memory SQLite, or PostgreSQL when DATABASE_URL is set)
// and walks the issue over HTTP: an API key acting in an organization, then a
// key bound to it. Prints every request and response; exits 1 if an answer is
// not the expected one.
import { startApp } from "../src/server";
import { AppClient, addMember, createApiKey, createOrganization, type Logger, type Reply, signUp } from "./client";
import { runReportCalls, type Step } from "./report-calls";

const shorten = (value: unknown, max = 150) => {
	const text = typeof value === "string" ? value : JSON.stringify(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
};

/** Whose each API key is, by its value: the walk-through says whose key every call uses. */
const keyOwners = new Map<string, string>();
const named = (key: Headers, owner: string) => {
	keyOwners.set(key.get("x-api-key")!, owner);
	return key;
};

const print: Logger = (method, url, input, reply) => {
	const key = input.headers?.get("x-api-key");
	const credential = key ? ` [${keyOwners.get(key) ?? "an API key"}]` : input.headers?.has("cookie") ? " [cookie]" : "";
	const body = input.body === undefined ? "" : ` ${shorten(input.body)}`;
	console.log(`  → ${method} ${url.pathname}${url.search}${credential}${body}`);
	console.log(`  ← ${reply.status} ${shorten(reply.body)}`);
};

let failures = 0;
/** One request of the walk-through; `show` picks what matters out of a long answer. */
async function step(title: string, expectedStatus: number, call: () => Promise<Reply>, show?: (body: any) => string) {
	console.log(`\n${title}`);
	const reply = await call();
	if (show) console.log(`    ${show(reply.body)}`);
	if (reply.status !== expectedStatus) {
		failures++;
		console.log(`  ✗ expected ${expectedStatus}`);
	}
}

/** The report's calls, what they send, and the status each release answers with. */
const REPORT_CALLS: [call: string, title: string, published: number, patched: number][] = [
	["getSession", "getSession", 200, 200],
	["hasPermission", 'hasPermission { permissions: { organization: ["read"] } } (the report\'s call)', 400, 400],
	["hasPermissionWithOrganizationId", "the same with organizationId", 200, 200],
	["hasPermissionDenied", 'hasPermission { permissions: { organization: ["delete"] } } with organizationId (a member may not)', 200, 200],
	["setActiveOrganization", "setActiveOrganization { organizationId } (the report's workaround)", 500, 400],
	["getActiveMember", "getActiveMember ?organizationId=", 400, 200],
];

function answer({ status, body }: Step) {
	if (body?.session) return `${status} a session of ${body.user.email}, activeOrganizationId: ${body.session.activeOrganizationId ?? "none"}`;
	const text = body?.code ? `${body.code}: ${body.message}` : shorten(body, 110);
	return `${status} ${text}`;
}

const runs = runReportCalls();
console.log(`The report's calls on ${runs.releases}, as published and patched (in-process, memory adapter).`);
console.log("Each uses the member's own API key (x-api-key): the owner created acme and added the member with role member.");
for (const [call, title, ...expected] of REPORT_CALLS) {
	console.log(`\n${title}`);
	(["published", "patched"] as const).forEach((release, i) => {
		const step = runs[release][call] as Step;
		const unexpected = step.status !== expected[i];
		if (unexpected) failures++;
		console.log(`  ${`${release}:`.padEnd(11)}${answer(step)}${unexpected ? `  ✗ expected ${expected[i]}` : ""}`);
	});
}

console.log("\nThe example app over HTTP, patched.");
const app = await startApp();
console.log(`example app on ${app.url} (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite in memory"})`);
const http = new AppClient(app.url, print);
try {
	console.log("\nSetup: Alice owns the organization acme, Bob is a member; each has an API key.");
	const alice = await signUp(http, "alice");
	const organizationId = await createOrganization(http, alice, "acme");
	const aliceKey = named(await createApiKey(http, alice), "Alice's key");
	const bob = await signUp(http, "bob");
	await addMember(http, organizationId, alice, bob, "member");
	const bobKey = named(await createApiKey(http, bob), "Bob's key");
	const inAcme = { organizationId };

	await step(
		"getSession with Bob's key: a session of Bob, with no active organization",
		200,
		() => http.get("/api/auth/get-session", { headers: bobKey }),
		(body) => `user ${body.user.email}, session.activeOrganizationId: ${body.session.activeOrganizationId ?? "none"}`,
	);
	await step("hasPermission without organizationId (the report's call): a 400 that says to pass it", 400, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobKey,
			body: { permissions: { organization: ["read"] } },
		}),
	);
	await step("hasPermission with organizationId: answered for Bob's role", 200, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobKey,
			body: { organizationId, permissions: { organization: ["read"] } },
		}),
	);
	await step("setActiveOrganization with a key (the report's workaround): a clear 400, not a 500", 400, () =>
		http.post("/api/auth/organization/set-active", { headers: bobKey, body: inAcme }),
	);
	await step(
		"getActiveMember with organizationId: Bob's membership",
		200,
		() => http.get("/api/auth/organization/get-active-member", { headers: bobKey, query: inAcme }),
		(body) => `role: ${body.role}`,
	);
	await step("POST /projects with Alice's key (owner: project create)", 201, () =>
		http.post("/projects", { headers: aliceKey, query: inAcme, body: { name: "Rocket" } }),
	);
	await step("GET /projects with Bob's key (member: project read)", 200, () =>
		http.get("/projects", { headers: bobKey, query: inAcme }),
	);
	await step("POST /projects with Bob's key: denied, a member may not create projects", 403, () =>
		http.post("/projects", { headers: bobKey, query: inAcme, body: { name: "Sneaky" } }),
	);
	await step("GET /projects without an organization: the app asks for one", 400, () =>
		http.get("/projects", { headers: bobKey }),
	);
	await step("GET /projects without a key", 401, () => http.get("/projects", { query: inAcme }));

	console.log("\nBob creates a key bound to acme: it acts in acme without naming it.");
	const bobBoundKey = named(await createApiKey(http, bob, organizationId), "Bob's key bound to acme");
	await step(
		"getSession with the bound key: acme is the active organization, while Bob is a member",
		200,
		() => http.get("/api/auth/get-session", { headers: bobBoundKey }),
		(body) => `session.activeOrganizationId: ${body.session.activeOrganizationId ?? "none"}`,
	);
	await step("hasPermission without organizationId, the report's exact call, with the bound key: answered", 200, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobBoundKey,
			body: { permissions: { organization: ["read"] } },
		}),
	);
	await step("the bound key naming another organization: refused", 403, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobBoundKey,
			body: { organizationId: "another-organization", permissions: { organization: ["read"] } },
		}),
	);
} finally {
	await app.close();
}
console.log(failures ? `\n${failures} answer(s) not as expected` : "\nevery answer as expected");
process.exit(failures ? 1 : 0);

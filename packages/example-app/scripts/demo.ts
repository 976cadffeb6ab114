// Starts the app on a free loopback port (in-memory SQLite, or PostgreSQL when
// DATABASE_URL is set) and walks better-auth issue #6307 over HTTP: an API key
// acting in an organization, then a key bound to it. Prints every request and
// response; exits 1 if an answer is not the expected one.
import { startApp } from "../src/server";
import { AppClient, addMember, createApiKey, createOrganization, type Logger, type Reply, signUp } from "./client";

const shorten = (value: unknown, max = 150) => {
	const text = typeof value === "string" ? value : JSON.stringify(value);
	return text.length > max ? `${text.slice(0, max)}…` : text;
};

const print: Logger = (method, url, input, reply) => {
	const credential = input.headers?.has("x-api-key") ? " [api key]" : input.headers?.has("cookie") ? " [cookie]" : "";
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

const app = await startApp();
console.log(`example app on ${app.url} (${process.env.DATABASE_URL ? "PostgreSQL" : "SQLite in memory"})`);
const http = new AppClient(app.url, print);
try {
	console.log("\nSetup: Alice owns the organization acme, Bob is a member; each has an API key.");
	const alice = await signUp(http, "alice");
	const organizationId = await createOrganization(http, alice, "acme");
	const aliceKey = await createApiKey(http, alice);
	const bob = await signUp(http, "bob");
	await addMember(http, organizationId, alice, bob, "member");
	const bobKey = await createApiKey(http, bob);
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
			body: { permissions: { project: ["read"] } },
		}),
	);
	await step("hasPermission with organizationId: answered for Bob's role", 200, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobKey,
			body: { organizationId, permissions: { project: ["read"] } },
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
	const bobBoundKey = await createApiKey(http, bob, organizationId);
	await step(
		"getSession with the bound key: acme is the active organization, while Bob is a member",
		200,
		() => http.get("/api/auth/get-session", { headers: bobBoundKey }),
		(body) => `session.activeOrganizationId: ${body.session.activeOrganizationId ?? "none"}`,
	);
	await step("hasPermission without organizationId, the report's exact call, with the bound key: answered", 200, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobBoundKey,
			body: { permissions: { project: ["read"] } },
		}),
	);
	await step("the bound key naming another organization: refused", 403, () =>
		http.post("/api/auth/organization/has-permission", {
			headers: bobBoundKey,
			body: { organizationId: "another-organization", permissions: { project: ["read"] } },
		}),
	);
} finally {
	await app.close();
}
console.log(failures ? `\n${failures} answer(s) not as expected` : "\nevery answer as expected");
process.exit(failures ? 1 : 0);

// Two instances of the example app, separate processes on one PostgreSQL
// database, as behind a load balancer: what one instance changes, the other
// enforces on the very next request, and neither keeps state of its own.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppClient, type RequestInput } from "../../packages/example-app/scripts/client";
import { createPostgresDatabase, onPostgres } from "../support/database";
import { type AppProcess, spawnApp } from "./app-process";
import { createHttpWorld, type HttpWorld, runsExampleApp } from "./world";

const title = "two app processes on one database (better-auth 1.7.25 on PostgreSQL only: in-memory SQLite cannot be shared)";

describe.runIf(runsExampleApp && onPostgres)(title, () => {
	let processes: AppProcess[] = [];
	let a: AppClient;
	let b: AppClient;
	let w: HttpWorld;

	beforeAll(async () => {
		const databaseUrl = await createPostgresDatabase();
		// One after the other: each migrates the database when it starts.
		processes.push(await spawnApp(databaseUrl));
		processes.push(await spawnApp(databaseUrl));
		[a, b] = processes.map((p) => new AppClient(p.url));
		w = await createHttpWorld(a);
	}, 90_000); // two starts of up to 30 s each, and the world after them
	afterAll(async () => {
		await Promise.all(processes.map((p) => p.stop()));
		processes = [];
	});

	test("a role lowered through instance A is enforced by instance B on the very next request", async () => {
		const inAcme = { organizationId: w.acme };
		expect(await b.post("/projects", { headers: w.bob.key, query: inAcme, body: { name: "Before" } })).toMatchObject({
			status: 201,
		});

		const lowered = await a.post("/api/auth/organization/update-member-role", {
			headers: w.alice.cookie,
			body: { organizationId: w.acme, memberId: w.bob.memberId, role: "member" },
		});
		expect(lowered.status).toBe(200);

		expect(await b.post("/projects", { headers: w.bob.key, query: inAcme, body: { name: "After" } })).toMatchObject({
			status: 403,
			body: { code: "FORBIDDEN" },
		});
		expect(await b.get("/projects", { headers: w.bob.key, query: inAcme })).toMatchObject({ status: 200 });
	});

	test("a member removed through instance A is refused by instance B on the very next request", async () => {
		const inAcme = { organizationId: w.acme };
		expect(await b.get("/projects", { headers: w.carol.key, query: inAcme })).toMatchObject({ status: 200 });

		const removed = await a.post("/api/auth/organization/remove-member", {
			headers: w.alice.cookie,
			body: { organizationId: w.acme, memberIdOrEmail: w.carol.email },
		});
		expect(removed.status).toBe(200);

		const refused = { status: 401, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } };
		expect(await b.get("/projects", { headers: w.carol.key, query: inAcme })).toMatchObject(refused);
		expect(
			await b.post("/api/auth/organization/has-permission", {
				headers: w.carol.key,
				body: { organizationId: w.acme, permissions: { project: ["read"] } },
			}),
		).toMatchObject(refused);
	});

	test("requests spread over both instances get the same answers as from one instance", async () => {
		const requests: [method: "GET" | "POST", path: string, input: RequestInput][] = [];
		for (const person of [w.alice, w.bob, w.carol, w.mallory]) {
			for (const organizationId of [w.acme, w.globex]) {
				requests.push(["GET", "/projects", { headers: person.key, query: { organizationId } }]);
				requests.push([
					"POST",
					"/api/auth/organization/has-permission",
					{ headers: person.key, body: { organizationId, permissions: { project: ["create"] } } },
				]);
				requests.push([
					"GET",
					"/api/auth/organization/get-active-member",
					{ headers: person.key, query: { organizationId } },
				]);
			}
			requests.push(["POST", "/api/auth/organization/set-active", { headers: person.key, body: { organizationId: w.acme } }]);
		}
		const answers = (clients: AppClient[]) =>
			Promise.all(
				requests.map(async ([method, path, input], i) => {
					const { status, body } = await clients[i % clients.length].request(method, path, input);
					return { status, body };
				}),
			);

		const fromA = await answers([a]);
		expect(new Set(fromA.map((r) => r.status))).toEqual(new Set([200, 400, 401]));
		expect(await answers([a, b])).toEqual(fromA);
		expect(await answers([b, a])).toEqual(fromA);
	});
});

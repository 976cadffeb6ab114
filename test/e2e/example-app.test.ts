// The example app (packages/example-app) over real sockets on 127.0.0.1: the
// report's steps, a permission denied, a cross-organization attempt, and
// setActiveOrganization by API key. SQLite, or PostgreSQL with TEST_DB=postgres.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AppClient } from "../../packages/example-app/scripts/client";
import type { RunningApp } from "../../packages/example-app/src/server";
import { createPostgresDatabase, onPostgres } from "../support/database";
import { createHttpWorld, type HttpWorld, runsExampleApp } from "./world";

const database = onPostgres ? "PostgreSQL" : "SQLite";

describe.runIf(runsExampleApp)(`example app (better-auth 1.7.25 only) over HTTP on ${database}`, () => {
	let app: RunningApp;
	let http: AppClient;
	let w: HttpWorld;

	beforeAll(async () => {
		const { startApp } = await import("../../packages/example-app/src/server");
		app = await startApp({ databaseUrl: onPostgres ? await createPostgresDatabase() : undefined });
		http = new AppClient(app.url);
		w = await createHttpWorld(http);
	});
	afterAll(() => app?.close());

	test("the report's steps: the key's session has no active organization, hasPermission asks for organizationId, then answers for the role", async () => {
		const session = await http.get("/api/auth/get-session", { headers: w.carol.key });
		expect(session.status).toBe(200);
		expect(session.body.user.id).toBe(w.carol.id);
		expect(session.body.session.activeOrganizationId).toBeUndefined();

		const withoutOrganization = await http.post("/api/auth/organization/has-permission", {
			headers: w.carol.key,
			body: { permissions: { project: ["read"] } },
		});
		expect(withoutOrganization).toMatchObject({
			status: 400,
			body: { code: "NO_ACTIVE_ORGANIZATION", message: expect.stringContaining("pass organizationId") },
		});

		const hasPermission = (permissions: object) =>
			http.post("/api/auth/organization/has-permission", {
				headers: w.carol.key,
				body: { organizationId: w.acme, permissions },
			});
		expect(await hasPermission({ project: ["read"] })).toMatchObject({ status: 200, body: { success: true } });
		expect(await hasPermission({ project: ["create"] })).toMatchObject({ status: 200, body: { success: false } });

		const member = await http.get("/api/auth/organization/get-active-member", {
			headers: w.carol.key,
			query: { organizationId: w.acme },
		});
		expect(member).toMatchObject({ status: 200, body: { userId: w.carol.id, organizationId: w.acme, role: "member" } });
	});

	test("a member may read the organization's projects but not create one; an admin may create", async () => {
		const inAcme = { organizationId: w.acme };
		const created = await http.post("/projects", { headers: w.bob.key, query: inAcme, body: { name: "Rocket" } });
		expect(created).toMatchObject({ status: 201, body: { name: "Rocket", organizationId: w.acme, createdBy: w.bob.id } });

		const denied = await http.post("/projects", { headers: w.carol.key, query: inAcme, body: { name: "Sneaky" } });
		expect(denied).toMatchObject({ status: 403, body: { code: "FORBIDDEN" } });

		const listed = await http.get("/projects", { headers: w.carol.key, query: inAcme });
		expect(listed.status).toBe(200);
		expect(listed.body.map((p: { name: string }) => p.name)).toEqual(["Rocket"]);
	});

	test("a key reaches no organization its user is not a member of, whether the organization exists or not", async () => {
		const secret = await http.post("/projects", {
			headers: w.mallory.key,
			query: { organizationId: w.globex },
			body: { name: "Globex secret" },
		});
		expect(secret.status).toBe(201);

		for (const organizationId of [w.globex, "org_does_not_exist"]) {
			const refused = { status: 401, body: { code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION" } };
			expect(await http.get("/projects", { headers: w.bob.key, query: { organizationId } })).toMatchObject(refused);
			expect(
				await http.post("/projects", { headers: w.bob.key, query: { organizationId }, body: { name: "Planted" } }),
			).toMatchObject(refused);
			expect(
				await http.post("/api/auth/organization/has-permission", {
					headers: w.bob.key,
					body: { organizationId, permissions: { project: ["read"] } },
				}),
			).toMatchObject(refused);
		}

		const globex = await http.get("/projects", { headers: w.mallory.key, query: { organizationId: w.globex } });
		expect(globex.body.map((p: { name: string }) => p.name)).toEqual(["Globex secret"]);
	});

	test("setActiveOrganization with an API key is a 400 and changes no session", async () => {
		const cookieSessionBefore = await http.get("/api/auth/get-session", { headers: w.carol.cookie });

		const reply = await http.post("/api/auth/organization/set-active", {
			headers: w.carol.key,
			body: { organizationId: w.acme },
		});
		expect(reply).toMatchObject({ status: 400, body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" } });

		const keySession = await http.get("/api/auth/get-session", { headers: w.carol.key });
		expect(keySession.body.session.activeOrganizationId).toBeUndefined();
		const cookieSessionAfter = await http.get("/api/auth/get-session", { headers: w.carol.cookie });
		expect(cookieSessionAfter.body.session).toEqual(cookieSessionBefore.body.session);
	});

	test("the app refuses a request without a key (401) or without an organization (400)", async () => {
		expect(await http.get("/projects", { query: { organizationId: w.acme } })).toMatchObject({
			status: 401,
			body: { code: "UNAUTHORIZED" },
		});
		expect(await http.get("/projects", { headers: w.carol.key })).toMatchObject({
			status: 400,
			body: { code: "ORGANIZATION_ID_REQUIRED" },
		});
	});
});

import { APIError } from "better-auth/api";
import { describe, expect, test } from "vitest";
import { markApiKeySession } from "../src/api-key-session";
import { API_KEY_ORGANIZATION_ERROR_CODES, type ApiKeyOrganizationErrorCode } from "../src/error-codes";
import { applyApiKeyOrganizationContext, type OrganizationEndpointContext, skipsSessionWrites } from "../src/organization-context";

type Session = { session: { activeOrganizationId?: string | null }; user: { id: string } };
type Request = Omit<OrganizationEndpointContext, "context">;

const cookieSession = (activeOrganizationId: string | null = null): Session => ({
	session: { activeOrganizationId },
	user: { id: "user-1" },
});
// Like the api-key plugin's mock session: no active organization.
const apiKeySession = (boundOrganizationId: string | null = null, keyPermissions: Record<string, string[]> | null = null): Session =>
	markApiKeySession({ session: {}, user: { id: "user-1" } }, { boundOrganizationId, keyPermissions });

// No test here names an organization by slug for a bound key, the one case that
// reads the database: these contexts have no adapter, so such a read would throw.
const noAdapter = {} as OrganizationEndpointContext["context"]["adapter"];

/** Runs the middleware step on a context like the organization plugin's; resolves to the session it saw. */
async function apply(session: Session, request: Request): Promise<Session> {
	await applyApiKeyOrganizationContext({ ...request, context: { session, adapter: noAdapter } });
	return session;
}

async function errorFrom(applying: Promise<unknown>): Promise<APIError> {
	const error = await applying.then(
		() => expect.fail("expected an APIError, nothing was thrown"),
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(APIError);
	return error as APIError;
}

const refusal = (status: "BAD_REQUEST" | "FORBIDDEN", code: ApiKeyOrganizationErrorCode) => ({
	status,
	statusCode: status === "BAD_REQUEST" ? 400 : 403,
	body: { code, message: API_KEY_ORGANIZATION_ERROR_CODES[code] },
});

describe("cookie sessions", () => {
	test("are left untouched, even when the request names an organization", async () => {
		const session = await apply(cookieSession("org-active"), { path: "/organization/list-members", query: { organizationId: "org-2" } });
		expect(session).toEqual(cookieSession("org-active"));
	});

	test.each(["/organization/set-active", "/organization/set-active-team", "/organization/has-permission"])(
		"pass %s without an organization",
		async (path) => {
			await expect(apply(cookieSession(), { path, body: {} })).resolves.toEqual(cookieSession());
		},
	);

	test("a request without a session passes", async () => {
		const context = { adapter: noAdapter };
		await expect(applyApiKeyOrganizationContext({ path: "/organization/has-permission", context })).resolves.toBeUndefined();
	});
});

describe("API-key sessions", () => {
	test.each<[string, Request]>([
		["the body", { path: "/organization/has-permission", body: { organizationId: "org-1", permissions: {} } }],
		["the query", { path: "/organization/get-active-member", query: { organizationId: "org-1" } }],
		["body.data", { path: "/organization/update-team", body: { teamId: "team-1", data: { organizationId: "org-1", name: "Core" } } }],
	])("take the organizationId of %s as the active organization", async (_where, request) => {
		const session = await apply(apiKeySession(), request);
		expect(session.session.activeOrganizationId).toBe("org-1");
	});

	test.each<[string, ApiKeyOrganizationErrorCode]>([
		["/organization/set-active", "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION"],
		["/organization/set-active-team", "API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM"],
	])("%s is refused with 400 %s, even with an organizationId", async (path, code) => {
		const session = apiKeySession();
		const error = await errorFrom(apply(session, { path, body: { organizationId: "org-1", teamId: "team-1" } }));
		expect(error).toMatchObject(refusal("BAD_REQUEST", code));
		expect(session.session.activeOrganizationId).toBeUndefined();
	});

	test.each(["/organization/has-permission", "/organization/get-active-member", "/organization/list-members", "/organization/create-team"])(
		"%s without an organization answers 400 NO_ACTIVE_ORGANIZATION, saying to pass organizationId",
		async (path) => {
			const error = await errorFrom(apply(apiKeySession(), { path, body: {}, query: {} }));
			expect(error).toMatchObject({
				status: "BAD_REQUEST",
				statusCode: 400,
				body: { code: "NO_ACTIVE_ORGANIZATION", message: expect.stringContaining("pass organizationId") },
			});
		},
	);

	test("a non-string organizationId is refused with 400 VALIDATION_ERROR before any read", async () => {
		const session = apiKeySession();
		const error = await errorFrom(apply(session, { path: "/organization/list-members", query: { organizationId: 42 } }));
		expect(error).toMatchObject({ statusCode: 400, body: { code: "VALIDATION_ERROR" } });
		expect(session.session.activeOrganizationId).toBeUndefined();
	});

	test("an organizationSlug is left to the endpoint, which resolves it", async () => {
		const session = await apply(apiKeySession(), { path: "/organization/get-full-organization", query: { organizationSlug: "acme" } });
		expect(session.session.activeOrganizationId).toBeUndefined();
	});

	test.each(["/organization/create", "/organization/list", "/organization/accept-invitation", undefined])(
		"%s without an organization passes",
		async (path) => {
			await expect(apply(apiKeySession(), { path, body: {} })).resolves.toBeDefined();
		},
	);

	test("skip session writes; cookie sessions and calls without a context do not", () => {
		expect(skipsSessionWrites({ context: { session: apiKeySession() } })).toBe(true);
		expect(skipsSessionWrites({ context: { session: cookieSession() } })).toBe(false);
		expect(skipsSessionWrites(undefined)).toBe(false);
	});
});

describe("sessions of a key bound to an organization", () => {
	test.each<[string, Request]>([
		["names no organization", { path: "/organization/list-members", query: {} }],
		["names its organization", { path: "/organization/has-permission", body: { organizationId: "org-bound", permissions: {} } }],
		["leaves its organization", { path: "/organization/leave", body: { organizationId: "org-bound" } }],
	])("act on the bound organization when the request %s", async (_case, request) => {
		const session = await apply(apiKeySession("org-bound"), request);
		expect(session.session.activeOrganizationId).toBe("org-bound");
	});

	test.each<[string, Request]>([
		["body", { path: "/organization/has-permission", body: { organizationId: "org-other", permissions: {} } }],
		["query", { path: "/organization/list-members", query: { organizationId: "org-other" } }],
		["body.data", { path: "/organization/update-team", body: { data: { organizationId: "org-other" } } }],
		["body of /organization/delete", { path: "/organization/delete", body: { organizationId: "org-other" } }],
	])("are refused with 403 API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION for another organization in the %s", async (_where, request) => {
		const session = apiKeySession("org-bound");
		const error = await errorFrom(apply(session, request));
		expect(error).toMatchObject(refusal("FORBIDDEN", "API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION"));
		expect(session.session.activeOrganizationId).toBeUndefined();
	});

	test.each(["/organization/create", "/organization/list", "/organization/accept-invitation", "/organization/check-slug"])(
		"are refused %s, which spans organizations, with 403 API_KEY_IS_BOUND_TO_ONE_ORGANIZATION",
		async (path) => {
			const error = await errorFrom(apply(apiKeySession("org-bound"), { path, body: {} }));
			expect(error).toMatchObject(refusal("FORBIDDEN", "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION"));
		},
	);

	test("are refused /organization/set-active like any API-key session", async () => {
		const error = await errorFrom(apply(apiKeySession("org-bound"), { path: "/organization/set-active", body: { organizationId: "org-bound" } }));
		expect(error).toMatchObject(refusal("BAD_REQUEST", "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION"));
	});

	test("with permissions may not make its user leave (no permission covers it); without, it may", async () => {
		const leave = { path: "/organization/leave", body: { organizationId: "org-bound" } };
		const error = await errorFrom(apply(apiKeySession("org-bound", { organization: ["read"] }), leave));
		expect(error).toMatchObject(refusal("FORBIDDEN", "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT"));
		expect((await apply(apiKeySession("org-bound"), leave)).session.activeOrganizationId).toBe("org-bound");
	});
});

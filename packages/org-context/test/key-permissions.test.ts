import { describe, expect, test } from "vitest";
import { markApiKeySession } from "../src/api-key-session";
import { keyPermitsRequest } from "../src/key-permissions";
import { parseKeyPermissions } from "../src/statements";
import { refuseOutsideKeyReach } from "../src/key-reach";
import { permissionsAreServerOnly } from "../src/organization-binding";
import { codeOf } from "./error-code";

const capped = (keyPermissions: Record<string, string[]> | null, boundOrganizationId: string | null = "org-1") => ({
	context: { session: markApiKeySession({ session: {}, user: { id: "user-1" } }, { boundOrganizationId, keyPermissions }) },
});

describe("a key's stored permissions", () => {
	test("are read from the JSON text the api-key plugin stores, or from an object", () => {
		expect(parseKeyPermissions('{"project":["read"]}')).toEqual({ project: ["read"] });
		expect(parseKeyPermissions({ project: ["read"] })).toEqual({ project: ["read"] });
	});

	test("absent, they cap nothing", () => {
		expect(parseKeyPermissions(null)).toBeNull();
		expect(parseKeyPermissions(undefined)).toBeNull();
	});

	test.each([["text that is no JSON", "{project"], ["a list", "[1]"], ["a number", "7"], ["actions that are no strings", '{"project":[1]}']])(
		"%s grants nothing: a key fails closed",
		(_name, stored) => {
			expect(parseKeyPermissions(stored)).toEqual({});
		},
	);
});

describe("the check hasPermission makes first", async () => {
	test("grants what the key's permissions grant, and nothing else", async () => {
		const ctx = capped({ project: ["read"], organization: ["read"] });
		expect(await keyPermitsRequest(ctx, { permissions: { project: ["read"] } })).toBe(true);
		expect(await keyPermitsRequest(ctx, { permissions: { project: ["read"], organization: ["read"] } })).toBe(true);
		expect(await keyPermitsRequest(ctx, { permissions: { project: ["read", "delete"] } })).toBe(false);
		expect(await keyPermitsRequest(ctx, { permissions: { member: ["create"] } })).toBe(false);
	});

	test("reads the deprecated `permission` spelling too", async () => {
		expect(await keyPermitsRequest(capped({ project: ["read"] }), { permission: { project: ["delete"] } })).toBe(false);
	});

	test("a resource named after an Object.prototype member is not granted", async () => {
		expect(await keyPermitsRequest(capped({ project: ["read"] }), { permissions: { constructor: ["read"] } })).toBe(false);
	});

	test("an empty set of permissions grants nothing", async () => {
		expect(await keyPermitsRequest(capped({}), { permissions: { project: ["read"] } })).toBe(false);
	});

	test("a key with a cap renames no role, even with every permission; it may change a role's statements", async () => {
		const updateRole = (data: Record<string, unknown>) => ({
			path: "/organization/update-role",
			body: { roleName: "auditor", data },
			context: { ...capped({ ac: ["update"], project: ["read"] }).context, adapter: { findOne: async () => null } },
		});
		const request = { permissions: { ac: ["update"] }, organizationId: "org-1" };
		expect(await keyPermitsRequest(updateRole({ roleName: "owner" }), request)).toBe(false);
		expect(await keyPermitsRequest(updateRole({ permission: { project: ["read"] } }), request)).toBe(true);
	});

	test("resending an invitation, checks the role of the one pending for the e-mail too", async () => {
		const roles = { narrow: { statements: { project: ["read"] } }, wide: { statements: { organization: ["delete"] } } };
		const invite = (pendingRole: string, resend: boolean) => ({
			path: "/organization/invite-member",
			body: { email: "Invitee@example.com", role: "narrow", resend },
			context: {
				...capped({ invitation: ["create"], project: ["read"] }).context,
				adapter: { findOne: async () => null, findMany: async <T>() => [{ role: pendingRole }] as T[] },
			},
		});
		const request = { permissions: { invitation: ["create"] }, organizationId: "org-1", options: { roles } };
		expect(await keyPermitsRequest(invite("wide", true), request)).toBe(false);
		expect(await keyPermitsRequest(invite("narrow", true), request)).toBe(true);
		expect(await keyPermitsRequest(invite("wide", false), request)).toBe(true);
	});

	test("a key gives the built-in member role without naming the resources it lists with no action", async () => {
		const update = (role: unknown) => ({
			path: "/organization/update-member-role",
			body: { memberId: "member-2", role },
			context: { ...capped({ member: ["update"], ac: ["read"] }).context, adapter: { findOne: async () => null, findMany: async () => [] } },
		});
		const request = { permissions: { member: ["update"] }, organizationId: "org-1" };
		expect(await keyPermitsRequest(update("member"), request)).toBe(true);
		expect(await keyPermitsRequest(update(["member"]), request)).toBe(true);
		expect(await keyPermitsRequest(update(["member", "admin"]), request)).toBe(false);
		for (const role of ["OWNER", "toString", [], [""]]) {
			await expect(keyPermitsRequest(update(role), request)).rejects.toMatchObject({ body: { code: "ROLE_NOT_FOUND" } });
		}
	});

	test("leaves a cookie session, a key without a cap, and a call without a context to the role", async () => {
		const request = { permissions: { member: ["delete"] } };
		expect(await keyPermitsRequest({ context: { session: { session: {}, user: { id: "user-1" } } } }, request)).toBe(true);
		expect(await keyPermitsRequest(capped(null), request)).toBe(true);
		expect(await keyPermitsRequest(undefined, request)).toBe(true);
	});
});

describe("createApiKey's server-only rule for permissions", () => {
	const request = (body: Record<string, unknown>, session?: unknown) => ({
		body,
		context: { session, adapter: { findOne: async () => null }, options: {} },
	});

	test("a client may set them on a user key it binds to an organization", () => {
		expect(permissionsAreServerOnly(request({ organizationId: "org-1" }), { project: ["read"] }, {})).toBe(false);
		expect(permissionsAreServerOnly(request({}, capped(null).context.session), { project: ["read"] }, { references: "user" })).toBe(false);
	});

	test("keeps upstream's rule for unbound keys and organization-owned keys", () => {
		expect(permissionsAreServerOnly(request({}), { project: ["read"] }, {})).toBe(true);
		expect(permissionsAreServerOnly(request({ organizationId: "org-1" }), { project: ["read"] }, { references: "organization" })).toBe(true);
	});

	test("without permissions there is nothing to refuse", () => {
		expect(permissionsAreServerOnly(request({}), undefined, {})).toBe(false);
	});
});

describe("what a bound or capped key may call", () => {
	const bound = { id: "key-1", organizationId: "org-1", configId: "default" };
	const unbound = { id: "key-1", organizationId: null, configId: "default" };

	const plugins = [
		{ id: "organization", endpoints: { updateOrganization: { path: "/organization/update" } } },
		{ id: "api-key", endpoints: Object.fromEntries(["create", "update", "delete", "list"].map((name) => [name, { path: `/api-key/${name}` }])) },
		{ id: "app", endpoints: { report: { path: "/organization/app-report" } } },
	];
	const at = (path: string) => ({ path, context: { options: { plugins } } });

	test("a bound key: its organization, its keys, its session and token, and the paths the app allows", () => {
		for (const path of ["/organization/update", "/api-key/list", "/get-session", "/token"]) expect(codeOf(() => refuseOutsideKeyReach(at(path), bound, null, {}))).toBeNull();
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), bound, null, {}))).toBe("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), bound, null, { allowPaths: ["/update-user"] }))).toBeNull();
	});

	test("the plugins' own endpoints, exactly: an app's endpoint under /organization/ is an app path", () => {
		expect(codeOf(() => refuseOutsideKeyReach(at("/organization/app-report"), bound, null, {}))).toBe("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
		expect(codeOf(() => refuseOutsideKeyReach(at("/organization/unknown"), bound, null, {}))).toBe("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
		expect(codeOf(() => refuseOutsideKeyReach(at("/organization/app-report"), bound, null, { allowPaths: ["/organization/app-report"] }))).toBeNull();
	});

	test("allowPaths opens a path to bound keys, not to keys with permissions; allowPathsForKeysWithPermissions to both", () => {
		const capped = { project: ["read"] };
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), bound, capped, { allowPaths: ["/update-user"] }))).toBe("API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
		const forBoth = { allowPathsForKeysWithPermissions: ["/update-user"] };
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), bound, capped, forBoth))).toBeNull();
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), bound, null, forBoth))).toBeNull();
	});

	test("a bound key creates keys of its own configuration only", () => {
		expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/create"), body: { configId: "svc" } }, bound, null, {}))).toBe("API_KEY_IS_BOUND_TO_ITS_CONFIGURATION");
		expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/create"), body: { configId: "default" } }, bound, null, {}))).toBeNull();
		expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/create"), body: { configId: "svc" } }, unbound, null, {}))).toBeNull();
	});

	test("a key with permissions manages no key but deletes itself, and reaches no account endpoint, bound or not", () => {
		const capped = { project: ["read"] };
		const refused = "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT";
		for (const key of [bound, unbound]) {
			expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/create"), body: {} }, key, capped, {}))).toBe(refused);
			expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/update"), body: { keyId: "key-1" } }, key, capped, {}))).toBe(refused);
			expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/delete"), body: { keyId: "key-2" } }, key, capped, {}))).toBe(refused);
			expect(codeOf(() => refuseOutsideKeyReach({ ...at("/api-key/delete"), body: { keyId: "key-1" } }, key, capped, {}))).toBeNull();
		}
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), unbound, capped, {}))).toBe(refused);
		expect(codeOf(() => refuseOutsideKeyReach(at("/update-user"), unbound, null, {}))).toBeNull();
	});
});

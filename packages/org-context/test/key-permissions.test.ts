import { describe, expect, test } from "vitest";
import { markApiKeySession } from "../src/api-key-session";
import { keyPermitsRequest, parseKeyPermissions } from "../src/key-permissions";
import { permissionsAreServerOnly } from "../src/organization-binding";

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

describe("the check hasPermission makes first", () => {
	test("grants what the key's permissions grant, and nothing else", () => {
		const ctx = capped({ project: ["read"], organization: ["read"] });
		expect(keyPermitsRequest(ctx, { permissions: { project: ["read"] } })).toBe(true);
		expect(keyPermitsRequest(ctx, { permissions: { project: ["read"], organization: ["read"] } })).toBe(true);
		expect(keyPermitsRequest(ctx, { permissions: { project: ["read", "delete"] } })).toBe(false);
		expect(keyPermitsRequest(ctx, { permissions: { member: ["create"] } })).toBe(false);
	});

	test("reads the deprecated `permission` spelling too", () => {
		expect(keyPermitsRequest(capped({ project: ["read"] }), { permission: { project: ["delete"] } })).toBe(false);
	});

	test("a resource named after an Object.prototype member is not granted", () => {
		expect(keyPermitsRequest(capped({ project: ["read"] }), { permissions: { constructor: ["read"] } })).toBe(false);
	});

	test("an empty set of permissions grants nothing", () => {
		expect(keyPermitsRequest(capped({}), { permissions: { project: ["read"] } })).toBe(false);
	});

	test("leaves a cookie session, a key without a cap, and a call without a context to the role", () => {
		const request = { permissions: { member: ["delete"] } };
		expect(keyPermitsRequest({ context: { session: { session: {}, user: { id: "user-1" } } } }, request)).toBe(true);
		expect(keyPermitsRequest(capped(null), request)).toBe(true);
		expect(keyPermitsRequest(undefined, request)).toBe(true);
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

import { APIError } from "better-auth/api";
import { describe, expect, test } from "vitest";
import {
	apiKeySortField,
	membersLimitOf,
	refuseDeeplyNestedBody,
	refuseDeepOrganizationMetadata,
	requireFieldsToUpdate,
	validateMemberListQuery,
} from "../src/request-checks";

// The member table as better-auth's context lists it: `id` is implicit.
const tables = { member: { fields: { organizationId: {}, userId: {}, role: {}, createdAt: {} } } };
const listMembers = (query: Record<string, unknown>) => () => validateMemberListQuery({ query, context: { tables } });

function validationError(run: () => void): APIError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(APIError);
		expect((error as APIError).body?.code).toBe("VALIDATION_ERROR");
		expect((error as APIError).statusCode).toBe(400);
		return error as APIError;
	}
	return expect.fail("expected a 400 VALIDATION_ERROR, nothing was thrown");
}

describe("validateMemberListQuery", () => {
	test.each(["id", "organizationId", "userId", "role", "createdAt"])("sorts and filters by the member field %s", (field) => {
		expect(listMembers({ sortBy: field, filterField: field })).not.toThrow();
	});

	test.each([["sortBy"], ["filterField"]])("refuses a %s that names no field of member", (key) => {
		expect(validationError(listMembers({ [key]: "nonexistent" })).message).toContain(key);
	});

	test("knows the fields a plugin or the app added to member", () => {
		const extended = { member: { fields: { ...tables.member.fields, title: {} } } };
		expect(() => validateMemberListQuery({ query: { sortBy: "title" }, context: { tables: extended } })).not.toThrow();
	});

	test.each([0, 1, 50, "20"])("pages by the whole number %s", (value) => {
		expect(listMembers({ limit: value, offset: value })).not.toThrow();
	});

	test.each([0.5, -1, "1.5", "ten", Number.MAX_SAFE_INTEGER + 2])("refuses %s as limit or offset", (value) => {
		validationError(listMembers({ limit: value }));
		validationError(listMembers({ offset: value }));
	});

	test.each([["in"], ["not_in"]])("filters by a list of values with %s only", (operator) => {
		expect(listMembers({ filterField: "role", filterOperator: operator, filterValue: ["member"] })).not.toThrow();
	});

	// better-auth's client sends a one-element list as one value: `?filterValue=owner`.
	test.each([["in"], ["not_in"]])("takes one value with %s as a list of one, which the adapter is handed", (operator) => {
		const query: Record<string, unknown> = { filterField: "role", filterOperator: operator, filterValue: "member" };
		validateMemberListQuery({ query, context: { tables } });
		expect(query.filterValue).toEqual(["member"]);
	});

	test.each([[undefined], ["eq"], ["contains"]])("filters by one value with the operator %s, never a list", (operator) => {
		expect(listMembers({ filterField: "role", filterOperator: operator, filterValue: "member" })).not.toThrow();
		validationError(listMembers({ filterField: "role", filterOperator: operator, filterValue: ["owner", "member"] }));
	});

	test("refuses a repeated sortBy or filterField", () => {
		validationError(listMembers({ sortBy: ["role", "userId"] }));
		validationError(listMembers({ filterField: ["role"] }));
	});

	test("takes a query without sorting, filtering or paging", () => {
		expect(listMembers({})).not.toThrow();
		expect(() => validateMemberListQuery({ context: { tables } })).not.toThrow();
	});
});

describe("requireFieldsToUpdate", () => {
	test("refuses data that names no field", () => {
		validationError(() => requireFieldsToUpdate({}));
		validationError(() => requireFieldsToUpdate({ name: undefined }));
	});

	test("takes data with one field or more, whatever its value", () => {
		expect(() => requireFieldsToUpdate({ name: "acme" })).not.toThrow();
		expect(() => requireFieldsToUpdate({ logo: null })).not.toThrow();
	});
});

describe("membersLimitOf", () => {
	test.each([undefined, 0, 1, 100, Number.NaN])("passes %s on as upstream reads it", (limit) => {
		expect(membersLimitOf({ membersLimit: limit })).toBe(limit);
	});

	test.each([0.5, -1, 1e300])("refuses %s, which the database cannot take as a LIMIT", (limit) => {
		expect(validationError(() => membersLimitOf({ membersLimit: limit })).message).toContain("membersLimit");
	});
});

describe("apiKeySortField", () => {
	const context = { tables: { apikey: { fields: { name: {}, createdAt: {}, referenceId: {} } } } };
	test.each(["id", "name", "createdAt", undefined])("sorts by %s", (sortBy) => {
		expect(apiKeySortField({ query: { sortBy }, context })).toBe(sortBy);
	});

	test.each(["nonexistent", ["name", "id"]])("refuses %s", (sortBy) => {
		validationError(() => apiKeySortField({ query: { sortBy }, context }));
	});
});

describe("refuseDeeplyNestedBody", () => {
	const nested = (depth: number) => {
		let body: unknown = 1;
		for (let i = 0; i < depth; i++) body = { a: body };
		return body;
	};

	test.each([undefined, null, "text", { organizationId: "org" }, nested(64)])("takes a body of ordinary depth: %#", (body) => {
		expect(() => refuseDeeplyNestedBody(body)).not.toThrow();
	});

	test.each([65, 20_000, 1_000_000])("refuses a body nested %s levels deep without overflowing the stack", (depth) => {
		validationError(() => refuseDeeplyNestedBody(nested(depth)));
	});

	test("counts arrays as levels too", () => {
		let body: unknown = [];
		for (let i = 0; i < 100; i++) body = [body];
		validationError(() => refuseDeeplyNestedBody(body));
	});
});

describe("refuseDeepOrganizationMetadata", () => {
	let deep: unknown = 1;
	for (let i = 0; i < 20_000; i++) deep = { a: deep };

	test("refuses createOrganization's and updateOrganization's metadata nested 20,000 levels deep", () => {
		validationError(() => refuseDeepOrganizationMetadata({ path: "/organization/create", body: { name: "n", slug: "s", metadata: deep } }));
		validationError(() => refuseDeepOrganizationMetadata({ path: "/organization/update", body: { data: { metadata: deep } } }));
	});

	test("takes ordinary metadata, and looks at no other endpoint's body", () => {
		expect(() => refuseDeepOrganizationMetadata({ path: "/organization/create", body: { metadata: { plan: { tier: "pro" } } } })).not.toThrow();
		expect(() => refuseDeepOrganizationMetadata({ path: "/organization/update", body: { data: { name: "n" } } })).not.toThrow();
		expect(() => refuseDeepOrganizationMetadata({ path: "/organization/list-members", body: { metadata: deep } })).not.toThrow();
	});
});

import { APIError } from "better-call";
import { describe, expect, test } from "vitest";
import { requireFieldsToUpdate, validateMemberListQuery } from "../src/request-checks";

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

import { describe, expect, test } from "vitest";
import * as zodLatest from "zod";
import * as zod41 from "zod-4.1";
import * as zod43 from "zod-4.3";
import { hasPermissionBodySchema, organizationIdSchema } from "../src/schemas";

type Zod = typeof zodLatest;

// The schemas are built with the host's zod. Every release has the same API but its
// own declarations, hence the casts. better-auth 1.4.x's own hasPermission schema
// rejects every body from zod 4.4 on, so the newest zod must be at least 4.4.
const zods: [name: string, z: Zod, minor: (minor: number) => boolean][] = [
	["zod 4.1", zod41 as unknown as Zod, (minor) => minor === 1],
	["zod 4.3", zod43 as unknown as Zod, (minor) => minor === 3],
	["newest zod 4", zodLatest, (minor) => minor >= 4],
];

describe.each(zods)("%s", (_name, z, isExpectedMinor) => {
	test("is the zod release the tests are named after", () => {
		expect(z.core.version.major).toBe(4);
		expect(isExpectedMinor(z.core.version.minor), `zod ${JSON.stringify(z.core.version)}`).toBe(true);
	});

	describe("organizationIdSchema", () => {
		const schema = organizationIdSchema(z);

		test.each([1, 256])("accepts an id of %i characters", (length) => {
			expect(schema.safeParse("a".repeat(length)).success).toBe(true);
		});

		test.each([0, 257])("rejects an id of %i characters", (length) => {
			expect(schema.safeParse("a".repeat(length)).success).toBe(false);
		});

		test.each([42, null, undefined, {}, ["org"]])("rejects the non-string %j", (value) => {
			expect(schema.safeParse(value).success).toBe(false);
		});
	});

	describe("hasPermissionBodySchema", () => {
		const schema = hasPermissionBodySchema(z);
		const statements = { organization: ["read"], project: ["create", "delete"] };

		test.each([
			{ permissions: statements },
			{ permission: statements },
			{ permissions: statements, organizationId: "org-1" },
			{ permission: statements, organizationId: "org-1" },
		])("accepts %j as it is", (body) => {
			expect(schema.parse(body)).toEqual(body);
		});

		test.each([
			["both permission and permissions", { permission: statements, permissions: statements }],
			["neither", {}],
			["only an organizationId", { organizationId: "org-1" }],
		])("rejects %s", (_case, body) => {
			const result = schema.safeParse(body);
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Pass exactly one of permission and permissions"]);
		});

		test.each([
			["permissions as an array", { permissions: ["organization:read"] }],
			["actions as a string", { permissions: { organization: "read" } }],
			["actions as numbers", { permissions: { organization: [1] } }],
			["permission as null", { permission: null }],
			["a numeric organizationId", { permissions: statements, organizationId: 42 }],
			["an empty organizationId", { permissions: statements, organizationId: "" }],
			["an organizationId of 257 characters", { permissions: statements, organizationId: "a".repeat(257) }],
			["a body that is not an object", "permissions"],
		])("rejects %s", (_case, body) => {
			expect(schema.safeParse(body).success).toBe(false);
		});
	});
});

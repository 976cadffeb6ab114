import fs from "node:fs";
import path from "node:path";
import { APIError } from "better-auth/api";
import { describe, expect, test } from "vitest";
import { inputName, ORGANIZATION_ENDPOINTS, resolveNamedOrganization } from "../src/requested-organization";

type Request = { body?: unknown; query?: unknown };

const resolve = (path: string, request: Request) => resolveNamedOrganization(request, path, ORGANIZATION_ENDPOINTS[path]);

function refusal(path: string, request: Request): APIError {
	try {
		resolve(path, request);
	} catch (error) {
		expect(error).toBeInstanceOf(APIError);
		return error as APIError;
	}
	return expect.fail(`${path} took ${JSON.stringify(request)}`);
}

const expectValidationError = (path: string, request: Request) =>
	expect(refusal(path, request)).toMatchObject({ statusCode: 400, body: { code: "VALIDATION_ERROR" } });

describe("where each endpoint reads its organization", () => {
	test.each<[string, Request, ReturnType<typeof resolve>]>([
		["/organization/has-permission", { body: { organizationId: "org-1" } }, { id: "org-1" }],
		["/organization/list-members", { query: { organizationId: "org-1" } }, { id: "org-1" }],
		["/organization/list-members", { query: { organizationSlug: "acme" } }, { slug: "acme" }],
		["/organization/update-team", { body: { teamId: "t", data: { organizationId: "org-1" } } }, { id: "org-1" }],
		["/organization/list-members", { query: {} }, {}],
		["/organization/has-permission", { body: { permissions: {} } }, {}],
	])("%s %j names %j", (path, request, named) => {
		expect(resolve(path, request)).toEqual(named);
	});
});

describe("refused with 400 VALIDATION_ERROR, before any read", () => {
	test.each<[string, string, Request]>([
		["the query of a POST", "/organization/has-permission", { body: {}, query: { organizationId: "org-1" } }],
		["the body of a GET (auth.api)", "/organization/list-members", { body: { organizationId: "org-1" } }],
		["body.organizationId where only data.organizationId is read", "/organization/update-team", { body: { organizationId: "org-1", data: {} } }],
		["the query of updateTeam beside data.organizationId", "/organization/update-team", { body: { data: { organizationId: "org-2" } }, query: { organizationId: "org-1" } }],
		["data.organizationId where the endpoint reads organizationId", "/organization/update", { body: { organizationId: "org-1", data: { organizationId: "org-2" } } }],
		["a slug where the endpoint reads only ids", "/organization/has-permission", { body: { organizationSlug: "acme" } }],
		["a slug in the body of a GET", "/organization/get-full-organization", { body: { organizationSlug: "acme" } }],
	])("a value in %s, which the endpoint does not read", (_case, path, request) => {
		expectValidationError(path, request);
	});

	test.each<[string, unknown]>([
		["a repeated query parameter", ["org-1", "org-2"]],
		["a number", 42],
		["null", null],
		["an object", { $ne: null }],
		["an empty string", ""],
		["257 characters", "o".repeat(257)],
	])("%s as the organizationId", (_case, value) => {
		expectValidationError("/organization/list-members", { query: { organizationId: value } });
		expectValidationError("/organization/has-permission", { body: { organizationId: value } });
	});

	test.each(["/organization/list-members", "/organization/get-full-organization", "/organization/get-organization", "/organization/get-active-member-role"])(
		"%s given both an id and a slug, even of one organization",
		(path) => {
			expectValidationError(path, { query: { organizationId: "org-1", organizationSlug: "acme" } });
		},
	);

	test("the message names where the endpoint reads the organization", () => {
		expect(refusal("/organization/has-permission", { query: { organizationId: "x" } }).body?.message).toBe(
			"/organization/has-permission does not read query.organizationId: name the organization by body.organizationId",
		);
	});
});

test("an inherited property is not a value: a prototype-polluted body names nothing", () => {
	const body = Object.create({ organizationId: "org-polluted" });
	expect(resolve("/organization/has-permission", { body })).toEqual({});
});

describe("docs/endpoints.md", () => {
	const docs = fs.readFileSync(path.resolve(import.meta.dirname, "../../../docs/endpoints.md"), "utf8");
	const rows = new Map([...docs.matchAll(/^\| `(\/organization\/[^`]+)` \| ([^|]+) \|/gm)].map((m) => [m[1], m[2].trim()]));

	test("lists where each endpoint reads the organization, as the resolver reads it", () => {
		const fromCode = Object.entries(ORGANIZATION_ENDPOINTS).map(([endpoint, { reads }]) => [endpoint, reads.map((i) => `\`${inputName(i)}\``).join(", ")]);
		expect(fromCode.map(([endpoint]) => [endpoint, rows.get(endpoint)])).toEqual(fromCode);
	});
});

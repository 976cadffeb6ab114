import { APIError } from "better-auth/api";
import { ORGANIZATION_ID_MAX_LENGTH } from "./schemas";

/** A place a request can name an organization: `body.organizationId`, `query.organizationSlug`, `body.data.organizationId`. */
export interface OrganizationInput {
	in: "body" | "query";
	path: readonly string[];
	kind: "id" | "slug";
}

const input = (where: OrganizationInput["in"], kind: OrganizationInput["kind"], ...path: string[]): OrganizationInput => ({
	in: where,
	path,
	kind,
});

const BODY_ID = input("body", "id", "organizationId");
const BODY_DATA_ID = input("body", "id", "data", "organizationId");
const BODY_SLUG = input("body", "slug", "organizationSlug");
const QUERY_ID = input("query", "id", "organizationId");
const QUERY_SLUG = input("query", "slug", "organizationSlug");

/** Every place any organization endpoint reads an organization from: a value anywhere else is a stray. */
const EVERY_INPUT = [BODY_ID, BODY_DATA_ID, BODY_SLUG, QUERY_ID, QUERY_SLUG];

export interface OrganizationEndpoint {
	/** Where the endpoint's handler reads the organization; nowhere else counts. */
	reads: readonly OrganizationInput[];
	/** The endpoint requires an explicit organization (no fallback to the active one). */
	required?: true;
}

/**
 * The endpoints that act on one organization, and where each reads it: measured
 * on every supported release (docs/endpoints.md). They are also all that an
 * organization-bound key may call.
 */
export const ORGANIZATION_ENDPOINTS: Readonly<Record<string, OrganizationEndpoint>> = {
	"/organization/has-permission": { reads: [BODY_ID] },
	"/organization/get-active-member": { reads: [QUERY_ID] },
	"/organization/get-active-member-role": { reads: [QUERY_ID, QUERY_SLUG] },
	"/organization/list-members": { reads: [QUERY_ID, QUERY_SLUG] },
	"/organization/update-member-role": { reads: [BODY_ID] },
	"/organization/remove-member": { reads: [BODY_ID] },
	"/organization/leave": { reads: [BODY_ID], required: true },
	"/organization/get-full-organization": { reads: [QUERY_ID, QUERY_SLUG] },
	"/organization/get-organization": { reads: [QUERY_ID, QUERY_SLUG] },
	"/organization/update": { reads: [BODY_ID] },
	"/organization/delete": { reads: [BODY_ID], required: true },
	"/organization/invite-member": { reads: [BODY_ID] },
	"/organization/list-invitations": { reads: [QUERY_ID] },
	"/organization/create-team": { reads: [BODY_ID] },
	"/organization/update-team": { reads: [BODY_DATA_ID] },
	"/organization/remove-team": { reads: [BODY_ID] },
	"/organization/list-teams": { reads: [QUERY_ID] },
	"/organization/add-team-member": { reads: [BODY_ID] },
	"/organization/remove-team-member": { reads: [BODY_ID] },
	"/organization/create-role": { reads: [BODY_ID] },
	"/organization/update-role": { reads: [BODY_ID] },
	"/organization/delete-role": { reads: [BODY_ID] },
	"/organization/get-role": { reads: [QUERY_ID] },
	"/organization/list-roles": { reads: [QUERY_ID] },
};

/** The organization a request names: by id, by slug, or not at all. */
export type NamedOrganization = { id: string; slug?: never } | { slug: string; id?: never } | { id?: never; slug?: never };

export const inputName = (i: OrganizationInput) => `${i.in}.${i.path.join(".")}`;

function valueAt(source: unknown, path: readonly string[]): unknown {
	let value = source;
	for (const key of path) {
		if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

const invalid = (message: string) => new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });

/**
 * The one organization a request names, read from exactly the places the
 * endpoint reads. Refused with 400 before the database: a value where the
 * endpoint does not read one (the handler would ignore it, a check could not),
 * a value that is not one string of 1 to 256 characters (a repeated query
 * parameter is a list), and an organization named twice (id and slug).
 */
export function resolveNamedOrganization(
	request: { body?: unknown; query?: unknown },
	path: string,
	endpoint: OrganizationEndpoint,
): NamedOrganization {
	const named: { input: OrganizationInput; value: string }[] = [];
	for (const candidate of EVERY_INPUT) {
		const value = valueAt(request[candidate.in], candidate.path);
		if (value === undefined) continue;
		if (!endpoint.reads.includes(candidate)) {
			throw invalid(`${path} does not read ${inputName(candidate)}: name the organization by ${endpoint.reads.map(inputName).join(" or ")}`);
		}
		if (typeof value !== "string" || value.length === 0 || value.length > ORGANIZATION_ID_MAX_LENGTH) {
			throw invalid(`${inputName(candidate)} must be one string of 1 to ${ORGANIZATION_ID_MAX_LENGTH} characters`);
		}
		named.push({ input: candidate, value });
	}
	if (named.length > 1) throw invalid(`Name the organization once: ${named.map((n) => inputName(n.input)).join(" and ")} both name one`);
	const [only] = named;
	if (!only) return {};
	return only.input.kind === "id" ? { id: only.value } : { slug: only.value };
}

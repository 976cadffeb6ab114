// An input for an organization endpoint aimed at one tenant's objects: its
// required fields, and every optional field that names an object.
import type { Person } from "../support/world";
import type { Endpoint } from "./endpoints";
import type { Tenant } from "./tenants";

export interface Aim {
	/** Sent as `organizationId`, whatever its type. */
	organizationId: unknown;
	/** The tenant whose team, member, invitation and role the other fields name. */
	objects: Tenant;
	caller: Person;
}

type Field = (aim: Aim) => unknown;

const readPermission = { organization: ["read"] };

/** Values by field name. A required field missing here is left out (the call is still made). */
const FIELDS: Record<string, Field> = {
	name: () => "created by the security suite",
	slug: ({ objects }) => `${objects.slug}-new`,
	email: () => "newcomer@example.com",
	role: () => "admin",
	memberId: ({ objects }) => objects.memberId,
	memberIdOrEmail: ({ objects }) => objects.memberId,
	userId: ({ objects }) => objects.member.id,
	teamId: ({ objects }) => objects.team.id,
	invitationId: ({ objects }) => objects.invitation.id,
	id: ({ objects }) => objects.invitation.id,
	roleName: ({ objects }) => objects.role.name,
	roleId: ({ objects }) => objects.role.id,
	data: () => ({ name: "renamed by the security suite" }),
	permission: () => readPermission,
	permissions: () => readPermission,
};

/** Where a field means something else on one endpoint. */
const BY_PATH: Record<string, Record<string, Field>> = {
	// Joining someone else's organization is the attack to try.
	"/organization/add-member": { userId: ({ caller }) => caller.id, role: () => "owner" },
	"/organization/create-role": { role: () => "created-by-the-security-suite" },
	"/organization/update-role": { data: () => ({ permission: { project: ["create", "read"] } }) },
	// The team's organization is named inside `data`, where the plugin reads it.
	"/organization/update-team": { data: ({ organizationId }) => ({ name: "renamed by the security suite", organizationId }) },
};

/** Endpoints that read the organization inside another field (BY_PATH): a second organizationId beside it would make every request ambiguous. */
const NAMED_INSIDE = new Set(["/organization/update-team"]);

/** Deprecated spellings, left out where the endpoint takes their successor: sending both is refused before any check. */
const SUCCESSOR: Record<string, string> = { permission: "permissions" };

const fieldFor = (endpoint: Endpoint, name: string): Field | undefined => BY_PATH[endpoint.path]?.[name] ?? FIELDS[name];

/** Required fields this module has no value for: the endpoint is exercised without them. */
export function unmappedFields(endpoint: Endpoint): string[] {
	return endpoint.required.filter((name) => name !== "organizationId" && !fieldFor(endpoint, name));
}

/** `{ body }` or `{ query }`: the fields with a value here, plus `organizationId`. */
export function inputFor(endpoint: Endpoint, aim: Aim): { body?: Record<string, unknown>; query?: Record<string, unknown> } {
	const fields: Record<string, unknown> = {};
	for (const name of endpoint.fields) {
		if (endpoint.fields.includes(SUCCESSOR[name])) continue;
		const field = fieldFor(endpoint, name);
		if (field) fields[name] = field(aim);
	}
	if (!NAMED_INSIDE.has(endpoint.path)) fields.organizationId = aim.organizationId;
	return { [endpoint.input]: fields };
}

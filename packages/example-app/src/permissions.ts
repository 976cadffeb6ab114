import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";

/**
 * What can be done in an organization: better-auth's own statements, with the
 * `organization: ["read"]` of the report (better-auth issue #6307), and this app's projects.
 */
export const statement = {
	...defaultStatements,
	organization: [...defaultStatements.organization, "read"],
	project: ["create", "read", "delete"],
} as const;

export const ac = createAccessControl(statement);

export const roles = {
	owner: ac.newRole({ ...ownerAc.statements, organization: ["update", "delete", "read"], project: ["create", "read", "delete"] }),
	admin: ac.newRole({ ...adminAc.statements, organization: ["update", "read"], project: ["create", "read"] }),
	member: ac.newRole({ ...memberAc.statements, organization: ["read"], project: ["read"] }),
};

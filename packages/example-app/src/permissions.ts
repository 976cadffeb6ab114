import { createAccessControl } from "better-auth/plugins/access";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";

/** What can be done in an organization: better-auth's own statements, and this app's projects. */
export const statement = {
	...defaultStatements,
	project: ["create", "read", "delete"],
} as const;

export const ac = createAccessControl(statement);

export const roles = {
	owner: ac.newRole({ ...ownerAc.statements, project: ["create", "read", "delete"] }),
	admin: ac.newRole({ ...adminAc.statements, project: ["create", "read"] }),
	member: ac.newRole({ ...memberAc.statements, project: ["read"] }),
};

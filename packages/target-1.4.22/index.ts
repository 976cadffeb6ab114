export { betterAuth } from "better-auth";
export { createAuthClient } from "better-auth/client";
export { apiKeyClient, organizationClient } from "better-auth/client/plugins";
export { getMigrations } from "better-auth/db";
export { admin, apiKey, jwt, organization } from "better-auth/plugins";
export { createAccessControl } from "better-auth/plugins/access";
export { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";
export const version = "1.4.22";

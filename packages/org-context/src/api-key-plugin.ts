// Added to the api-key plugin (in better-auth, or @better-auth/api-key from 1.5) by the patch set.
export { refuseReservedMetadataKeys, servableMetadata } from "./api-key-metadata";
export { prepareApiKeySession } from "./api-key-session-hook";
export { keysWithinBinding, keyWithinBinding, organizationWithinBinding } from "./bound-key-scope";
export { BOUND_ORGANIZATION_FIELDS, bindApiKeyToOrganization, permissionsAreServerOnly } from "./organization-binding";
export { apiKeySortField } from "./request-checks";
export { organizationIdSchema } from "./schemas";
export { claimUsageInOneWrite } from "./usage-claim";
export { retryLostUsageClaims, updateUsageIfUnchanged } from "./usage-guard";

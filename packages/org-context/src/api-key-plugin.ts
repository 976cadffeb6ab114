// Added to the api-key plugin (in better-auth, or @better-auth/api-key from 1.5) by the patch set.
export { BOUND_ORGANIZATION_FIELDS, bindApiKeyToOrganization, withOrganizationBinding } from "./organization-binding";
export { organizationIdSchema } from "./schemas";

// What the apiKeyOrganizations plugin (packages/plugin) takes from the patch set's
// logic: the organization resolution and its refusals, without the patched endpoints.
export { boundOrganizationOf, isApiKeySession, markApiKeySession } from "./api-key-session";
export { applyApiKeyOrganizationContext } from "./organization-context";
export { findMembership, findOrganizationIdBySlug } from "./membership";
export { ORGANIZATION_ENDPOINTS, resolveNamedOrganization } from "./requested-organization";
export { USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION } from "./error-codes";
export { requireTeamsOfOrganization } from "./invitations";
// Organization-bound keys: the column, the binding at creation, and the binding's reach per request.
export { BOUND_ORGANIZATION_FIELDS, applyOrganizationBinding, bindApiKeyToOrganization } from "./organization-binding";
export { keyWithinBinding, organizationWithinBinding } from "./bound-key-scope";
export { pathsServedBy, refuseOutsideKeyReach } from "./key-reach";
export { refuseBeyondKeyLimits } from "./key-lineage";
export { parseKeyPermissions } from "./statements";
export { ORGANIZATION_ID_MAX_LENGTH } from "./schemas";
export { apiKeyOrganizationError } from "./error-codes";

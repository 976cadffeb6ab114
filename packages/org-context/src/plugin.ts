// What the apiKeyOrganizations plugin (packages/plugin) takes from the patch set's
// logic: the organization resolution and its refusals, without the patched endpoints.
export { isApiKeySession, markApiKeySession } from "./api-key-session";
export { applyApiKeyOrganizationContext } from "./organization-context";
export { findMembership, findOrganizationIdBySlug } from "./membership";
export { ORGANIZATION_ENDPOINTS, resolveNamedOrganization } from "./requested-organization";
export { USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION } from "./error-codes";
export { requireTeamsOfOrganization } from "./invitations";

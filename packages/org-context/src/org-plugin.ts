// Added to better-auth's organization plugin by the patch set.
export { isApiKeySession } from "./api-key-session";
export { findMembership, membershipOfNamedOrganization, organizationOfSlugWithinBinding } from "./membership";
export { answerInvalidJsonWith400 } from "./request-body";
export { API_KEY_ORGANIZATION_ERROR_CODES } from "./error-codes";
export { exposePermissionCheck, keyPermitsRequest } from "./key-permissions";
export { claimPendingInvitation, requireTeamsOfOrganization } from "./invitations";
export { applyApiKeyOrganizationContext, skipsSessionWrites } from "./organization-context";
export { membersLimitOf, refuseDeepOrganizationMetadata, requireFieldsToUpdate, validateMemberListQuery } from "./request-checks";
export { hasPermissionBodySchema, organizationIdSchema } from "./schemas";

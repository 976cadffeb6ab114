/**
 * Codes added to the organization plugin's `$ERROR_CODES`, in upstream's style.
 * `NO_ACTIVE_ORGANIZATION` keeps upstream's code; API-key callers get this message.
 */
export const API_KEY_ORGANIZATION_ERROR_CODES = {
	API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION:
		"An API key has no session to store an active organization in: pass organizationId with each request instead",
	API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM:
		"An API key has no session to store an active team in: pass teamId with each request instead",
	API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION: "This API key is bound to another organization",
	API_KEY_IS_BOUND_TO_ONE_ORGANIZATION:
		"This API key is bound to one organization: it cannot call endpoints that span organizations or act on its user's account",
	API_KEY_CANNOT_CHANGE_ORGANIZATION_SLUG:
		"A key bound to an organization cannot change its slug: whether a slug is taken would tell it about other organizations",
	API_KEY_IS_BOUND_TO_ITS_CONFIGURATION: "A key bound to an organization creates keys of its own configuration only",
	API_KEY_PERMISSIONS_NOT_DEFINED:
		"The key's permissions name a resource or action that the organization's access control does not define",
	API_KEY_PERMISSIONS_EXCEED_ROLE: "The key's permissions go beyond what your role in the organization grants",
	API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT:
		"This API key carries permissions, and none of them covers this endpoint: use a key without permissions, or a session",
	API_KEY_METADATA_HAS_RESERVED_KEY: "API key metadata may not hold a key named __proto__, constructor or prototype, at any depth",
	API_KEY_EXCEEDS_ITS_OWN_LIMITS:
		"An API key cannot create or change a key beyond its own limits: remaining requests, expiry, rate limit",
	API_KEY_USAGE_CONTENDED: "Too many requests are using this API key at the same moment: try again",
	API_KEY_ORGANIZATION_COLUMN_MISSING:
		"The apikey table has no organizationId column yet: run the database migrations (npx @better-auth/cli migrate, or generate) before binding keys to organizations",
} as const;

export type ApiKeyOrganizationErrorCode = keyof typeof API_KEY_ORGANIZATION_ERROR_CODES;

/** An APIError body for one of the new codes: each plugin throws it with its own APIError class. */
export const apiKeyOrganizationError = (code: ApiKeyOrganizationErrorCode) => ({
	code,
	message: API_KEY_ORGANIZATION_ERROR_CODES[code],
});

export const NO_ACTIVE_ORGANIZATION_FOR_API_KEY =
	"No active organization: a request authenticated with an API key must pass organizationId";

/** Upstream's code and message for a caller outside the organization, reused where the api-key plugin refuses a binding. */
export const USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION = "User is not a member of the organization";

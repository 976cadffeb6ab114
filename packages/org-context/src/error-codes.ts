/**
 * Codes added to the organization plugin's `$ERROR_CODES`, in upstream's style.
 * `NO_ACTIVE_ORGANIZATION` keeps upstream's code; API-key callers get this message.
 */
export const API_KEY_ORGANIZATION_ERROR_CODES = {
	API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION:
		"An API key has no session to store an active organization in: pass organizationId with each request instead",
	API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM:
		"An API key has no session to store an active team in: pass teamId with each request instead",
} as const;

export const NO_ACTIVE_ORGANIZATION_FOR_API_KEY =
	"No active organization: a request authenticated with an API key must pass organizationId";

import type { BetterAuthPlugin } from "better-auth";

export interface ApiKeyOrganizationsOptions {
	/**
	 * Keys bound to one organization (`createApiKey({ organizationId })`). Off by default: it adds the
	 * api-key table's `organizationId` column (run the migrations) and reads each key's row on every
	 * request by a key. Turned off again, a bound key acts as its user's key in every organization.
	 */
	boundKeys?:
		| boolean
		| {
				/** Paths a bound key may call besides the organization and api-key plugins' own, `/get-session` and `/token`. */
				allowPaths?: string[];
		  };
}

/** Add after `apiKey({ enableSessionForAPIKeys: true })` in `plugins`. */
export declare function apiKeyOrganizations(options?: ApiKeyOrganizationsOptions): BetterAuthPlugin;

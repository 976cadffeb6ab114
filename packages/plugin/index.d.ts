import type { BetterAuthPlugin } from "better-auth";

export interface ApiKeyOrganizationsOptions {
	/** Paths a key bound to an organization may call besides the organization and api-key plugins' own, `/get-session` and `/token`. */
	allowPaths?: string[];
}

/** Add after `apiKey({ enableSessionForAPIKeys: true })` in `plugins`. */
export declare function apiKeyOrganizations(options?: ApiKeyOrganizationsOptions): BetterAuthPlugin;

import type { BetterAuthPlugin } from "better-auth";

/** Add after `apiKey({ enableSessionForAPIKeys: true })` in `plugins`. */
export declare function apiKeyOrganizations(): BetterAuthPlugin;

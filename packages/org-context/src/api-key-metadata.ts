import { APIError } from "better-auth/api";
import { apiKeyOrganizationError } from "./error-codes";

/** Keys a JSON reader treats as an attempt at prototype pollution. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * createApiKey and updateApiKey, for every caller: metadata holding a reserved
 * key at any depth is a 400 before any write. Upstream stored it, then its own
 * strict read of the row threw: the request, and every later read of the
 * user's keys, a 500. Walked without recursion.
 */
export function refuseReservedMetadataKeys(metadata: unknown): void {
	const pending = [metadata];
	while (pending.length) {
		const value = pending.pop();
		if (!value || typeof value !== "object") continue;
		for (const [key, child] of Object.entries(value)) {
			if (RESERVED_KEYS.has(key)) throw new APIError("BAD_REQUEST", apiKeyOrganizationError("API_KEY_METADATA_HAS_RESERVED_KEY"));
			pending.push(child);
		}
	}
}

import { APIError } from "better-auth/api";
import { apiKeyOrganizationError } from "./error-codes";
import { forEachNestedKey } from "./request-checks";

/** Keys a JSON reader treats as an attempt at prototype pollution. */
const RESERVED_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/**
 * createApiKey and updateApiKey, for every caller: metadata holding a reserved
 * key at any depth, or nested deeper than any body an endpoint takes, is a 400
 * before any write. Upstream stored it, then its own strict read of the row
 * threw, or its answer could not be serialized: the request, and every later
 * read of the user's keys, a 500.
 */
export function refuseReservedMetadataKeys(metadata: unknown): void {
	forEachNestedKey(
		metadata,
		(key) => {
			if (RESERVED_KEYS.has(key)) throw new APIError("BAD_REQUEST", apiKeyOrganizationError("API_KEY_METADATA_HAS_RESERVED_KEY"));
		},
		"metadata",
	);
}

/**
 * The metadata of a row as it is served: a row written before the patch with
 * metadata nested too deep to serialize is served with none, as a row whose
 * metadata is no JSON is, instead of a 500 for every list of its user's keys.
 */
export function servableMetadata(metadata: unknown): unknown {
	try {
		forEachNestedKey(metadata, () => {}, "metadata");
		return metadata;
	} catch {
		return null;
	}
}

// Whether the app's @better-auth/api-key release fits its better-auth release.
// An api-key release names the better-auth releases it accepts (its peer range),
// and one outside that range imports what the app's @better-auth/core lacks
// (api-key 1.7.29 with better-auth 1.7.27: redactSecondaryStorageErrors): without
// this check the app fails to load, which apply and check could only report as a
// SyntaxError.
import fs from "node:fs";
import path from "node:path";
import { PATCHES_DIR } from "./patches.mjs";
import { acceptsPeerRange } from "./peer-range.mjs";

const API_KEY = "@better-auth/api-key";

/** The api-key release the patch set proves with each better-auth release (patches/api-key-pairs.json, from the patch builder). */
function provenPair(betterAuthVersion) {
	const file = path.join(PATCHES_DIR, "api-key-pairs.json");
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8"))[betterAuthVersion] : undefined;
}

/**
 * Says in words why the installed api-key release does not fit the app's
 * better-auth (which needs which, and the api-key release that fits), or
 * returns undefined when it fits or the app has no api-key package installed.
 */
export function pairMisfit(appDir, betterAuthVersion) {
	const manifestFile = path.join(appDir, "node_modules", API_KEY, "package.json");
	if (!fs.existsSync(manifestFile)) return undefined;
	const { version, peerDependencies = {} } = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
	const range = peerDependencies["better-auth"];
	const pair = provenPair(betterAuthVersion);
	// a proven pair fits though no range accepts it: better-auth 1.5.0 with api-key 1.5.1 (1.5.0 has no api-key release)
	if (!range || acceptsPeerRange(range, betterAuthVersion) || version === pair) return undefined;
	const fits = pair ? `install ${API_KEY}@${pair}` : `install an ${API_KEY} release whose peer range accepts it`;
	return `${API_KEY}@${version} needs better-auth ${range} (its peer range), and this app has better-auth ${betterAuthVersion}. For better-auth ${betterAuthVersion} ${fits} (or a better-auth release that ${range} accepts), then run this again`;
}

import { installedVersion } from "./installed.mjs";
import { coversApiKeyPlugin, supportedPatches, supportedVersions } from "./patches.mjs";
import { Refusal } from "./refusal.mjs";

const API_KEY_PACKAGE = "@better-auth/api-key";

function patchFor(appDir, name, patches) {
	const found = installedVersion(appDir, name);
	const supported = supportedVersions(name).join(", ");
	if (!found) throw new Refusal(`${name} is not installed in ${appDir} (supported: ${supported}); install it first`);
	const patch = patches.find((p) => p.name === name && p.version === found.version);
	if (!patch) {
		throw new Refusal(`${name}@${found.version} (from ${found.from}) has no patch; supported versions: ${supported}`);
	}
	return patch;
}

/**
 * The patches this app needs: better-auth's, and @better-auth/api-key's when
 * the api-key plugin lives there (better-auth 1.5+). Refuses, before anything
 * is written, when a version has no patch.
 */
export function planPatches(appDir) {
	const patches = supportedPatches();
	const betterAuth = patchFor(appDir, "better-auth", patches);
	return coversApiKeyPlugin(betterAuth) ? [betterAuth] : [betterAuth, patchFor(appDir, API_KEY_PACKAGE, patches)];
}

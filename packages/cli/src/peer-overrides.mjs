import fs from "node:fs";
import path from "node:path";
import { isExactVersion } from "./installed.mjs";

/** The overrides the CLI writes: a peer of one @better-auth/api-key release, by pnpm's parent selector. */
export const isOurOverride = (key) => /^@better-auth\/api-key@\d[^>]*>/.test(key);

function installedManifest(appDir, name) {
	const file = path.join(appDir, "node_modules", name, "package.json");
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

/**
 * pnpm overrides that give @better-auth/api-key the exact versions better-auth
 * itself depends on, for each peer the api-key release pins to another version.
 * Without them pnpm installs a second @better-auth/core for the plugin (better-auth
 * 1.7.25 with api-key 1.7.5: @better-auth/utils 0.4.2 and better-call 1.4.0 against
 * 0.5.1 and 1.4.5), and tsc rejects the plugins array, whose hook types then come
 * from two cores. npm under legacy-peer-deps and yarn 1 install one core already.
 */
export function peerOverrides(appDir, plan) {
	const apiKey = plan.find((patch) => patch.name === "@better-auth/api-key");
	if (!apiKey) return [];
	const pinned = installedManifest(appDir, apiKey.name)?.peerDependencies ?? {};
	const own = installedManifest(appDir, "better-auth")?.dependencies ?? {};
	return Object.entries(pinned)
		.filter(([name, range]) => isExactVersion(range) && isExactVersion(own[name]) && own[name] !== range)
		.map(([name]) => [`${apiKey.name}@${apiKey.version}>${name}`, own[name]]);
}

import fs from "node:fs";
import path from "node:path";
import { SELF } from "./command.mjs";
import { installedVersion, isExactVersion } from "./installed.mjs";
import { buildPatches, proveBuiltPatches } from "./next-release.mjs";
import { pairMisfit } from "./pair-fit.mjs";
import { byVersion, coversApiKeyPlugin, supportedPatches, supportedRange, supportedVersions } from "./patches.mjs";
import { Refusal } from "./refusal.mjs";

const API_KEY_PACKAGE = "@better-auth/api-key";

const shippedPatch = ({ name, version }) => supportedPatches().find((p) => p.name === name && p.version === version);

/**
 * The release the app has installed. An exact version in package.json that
 * node_modules does not have is a bump whose install failed (pnpm stops on the
 * old release's patch key): patching the old release again would not help.
 */
function installedRelease(appDir, name) {
	const found = installedVersion(appDir, name);
	if (!found) throw new Refusal(`${name} is not installed in ${appDir} (supported: ${supportedRange(name)}); install it first`);
	const manifest = JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8"));
	const asked = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
	if (isExactVersion(asked) && asked !== found.version) {
		throw new Refusal(
			`package.json asks for ${name}@${asked} but ${found.from} has ${found.version}: to move the patch to ${asked}, run \`${SELF} remove\` (it installs ${asked} as published), then \`apply\``,
		);
	}
	return { name, version: found.version, from: found.from };
}

/**
 * The better-auth releases the apiKeyOrganizations plugin (packages/plugin) runs on with no patch, its peer
 * range: 1.3.0 on, but 1.3.7, whose api-key plugin gives a key a session on getSession only.
 */
export const PLUGIN_PEER_RANGE = ">=1.3.0 <1.3.7 || >=1.3.8";
const pluginRunsOn = (version) => byVersion(version, "1.3.0") >= 0 && version !== "1.3.7";

/** For a release the patch set does not cover yet, but the plugin does: the way to the fix without a patch. */
const pluginWayOut = ({ name, version }) =>
	name === "better-auth" && pluginRunsOn(version)
		? "; or, with no patch, add the apiKeyOrganizations plugin, which runs on this release (packages/plugin)"
		: "";

/** A release the shipped patches do not list: newer ones get a patch built for them, older ones (or a gap, a prerelease) are refused. */
function requireSupported(release) {
	if (shippedPatch(release)) return;
	const { name, version, from } = release;
	const supported = supportedVersions(name);
	if (supported.every((v) => byVersion(version, v) > 0)) return;
	if (byVersion(version, supported[0]) < 0) {
		throw new Refusal(
			`${name}@${version} (from ${from}) is older than the releases this patch set covers (${supportedRange(name)}): upgrade ${name} to ${supported.at(-1)} (or any release from ${supported[0]} on), then run apply${pluginWayOut(release)}`,
		);
	}
	throw new Refusal(`${name}@${version} (from ${from}) has no patch (supported: ${supportedRange(name)})`);
}

/**
 * The installed releases apply patches: better-auth, and @better-auth/api-key
 * when the api-key plugin lives there (better-auth 1.5+). Refuses a release the
 * patch set cannot patch, before anything is written or built.
 */
export function releasesToPatch(appDir) {
	const betterAuth = installedRelease(appDir, "better-auth");
	requireSupported(betterAuth);
	const bundlesApiKey = shippedPatch(betterAuth) && coversApiKeyPlugin(shippedPatch(betterAuth));
	const releases = bundlesApiKey ? [betterAuth] : [betterAuth, installedRelease(appDir, API_KEY_PACKAGE)];
	const misfit = bundlesApiKey ? undefined : pairMisfit(appDir, betterAuth.version);
	if (misfit) throw new Refusal(misfit);
	releases.forEach(requireSupported);
	return releases;
}

/** Why apply would refuse this app's releases, or undefined when it would patch them. */
export function refusalOf(appDir) {
	try {
		releasesToPatch(appDir);
		return undefined;
	} catch (error) {
		if (error instanceof Refusal) return error.message;
		throw error;
	}
}

/**
 * The patches for these releases: the shipped ones, or, for a release newer than
 * the shipped patches, a patch built from the installed files and proven
 * (next-release.mjs). Refuses, before anything is written, when it cannot build one.
 */
export async function planPatches(appDir, releases, log) {
	if (releases.every(shippedPatch)) return releases.map(shippedPatch);
	for (const { name } of releases) {
		if (!fs.existsSync(path.join(appDir, "node_modules", name))) throw new Refusal(`${name} is not in ${appDir}/node_modules: install the app's dependencies first`);
	}
	log(`${releases.filter((r) => !shippedPatch(r)).map((r) => `${r.name}@${r.version}`).join(" and ")}: newer than the shipped patches; building the patch from the installed files`);
	// Every package of the pair is built, shipped ones too, so the probe runs on both halves of the fix.
	const built = await buildPatches(appDir, releases);
	proveBuiltPatches(appDir, built, log);
	return built;
}

import fs from "node:fs";
import path from "node:path";
import { installedVersion, isExactVersion } from "./installed.mjs";
import { buildPatches, proveBuiltPatches } from "./next-release.mjs";
import { pairMisfit } from "./pair-fit.mjs";
import { coversApiKeyPlugin, supportedPatches, supportedVersions } from "./patches.mjs";
import { Refusal } from "./refusal.mjs";

const API_KEY_PACKAGE = "@better-auth/api-key";

const byVersion = (a, b) => a.localeCompare(b, "en", { numeric: true });

/**
 * The release the app has installed. An exact version in package.json that
 * node_modules does not have is a bump whose install failed (pnpm stops on the
 * old release's patch key): patching the old release again would not help.
 */
function installedRelease(appDir, name) {
	const found = installedVersion(appDir, name);
	if (!found) throw new Refusal(`${name} is not installed in ${appDir} (supported: ${supportedVersions(name).join(", ")}); install it first`);
	const manifest = JSON.parse(fs.readFileSync(path.join(appDir, "package.json"), "utf8"));
	const asked = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
	if (isExactVersion(asked) && asked !== found.version) {
		throw new Refusal(
			`package.json asks for ${name}@${asked} but ${found.from} has ${found.version}: to move the patch to ${asked}, run \`better-auth-org-patch remove\` (it installs ${asked} as published), then \`apply\``,
		);
	}
	return { name, version: found.version, from: found.from };
}

/** A release the shipped patches do not list: newer ones get a patch built for them, older ones are not supported. */
function requireNewer({ name, version, from }) {
	const supported = supportedVersions(name);
	if (supported.every((v) => byVersion(version, v) > 0)) return;
	throw new Refusal(`${name}@${version} (from ${from}) has no patch; supported versions: ${supported.join(", ")}`);
}

/**
 * The patches this app needs: better-auth's, and @better-auth/api-key's when
 * the api-key plugin lives there (better-auth 1.5+). A release newer than the
 * shipped patches gets its patch built from the installed files and proven
 * (next-release.mjs). Refuses, before anything is written, when a version has no patch.
 */
export async function planPatches(appDir, log) {
	const patches = supportedPatches();
	const shipped = (release) => patches.find((p) => p.name === release.name && p.version === release.version);
	const betterAuth = installedRelease(appDir, "better-auth");
	if (!shipped(betterAuth)) requireNewer(betterAuth);
	const bundlesApiKey = shipped(betterAuth) && coversApiKeyPlugin(shipped(betterAuth));
	const releases = bundlesApiKey ? [betterAuth] : [betterAuth, installedRelease(appDir, API_KEY_PACKAGE)];
	const misfit = bundlesApiKey ? undefined : pairMisfit(appDir, betterAuth.version);
	if (misfit) throw new Refusal(misfit);
	if (releases.every(shipped)) return releases.map(shipped);

	for (const release of releases.filter((r) => !shipped(r))) requireNewer(release);
	for (const { name } of releases) {
		if (!fs.existsSync(path.join(appDir, "node_modules", name))) throw new Refusal(`${name} is not in ${appDir}/node_modules: install the app's dependencies first`);
	}
	log(`${releases.filter((r) => !shipped(r)).map((r) => `${r.name}@${r.version}`).join(" and ")}: newer than the shipped patches; building the patch from the installed files`);
	// Every package of the pair is built, shipped ones too, so the probe runs on both halves of the fix.
	const built = await buildPatches(appDir, releases);
	proveBuiltPatches(appDir, built, log);
	return built;
}

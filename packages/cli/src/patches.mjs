import fs from "node:fs";
import path from "node:path";

const packageDir = path.resolve(import.meta.dirname, "..");

/**
 * The published package ships a copy of the patches (see scripts/pack-patches.mjs);
 * in the repository they are read from its patches/, which the patch builder writes.
 */
export const PATCHES_DIR = fs.existsSync(path.join(packageDir, "patches"))
	? path.join(packageDir, "patches")
	: path.resolve(packageDir, "../../patches");

/**
 * Every supported release, from the patch builder's manifest (patches/releases.json:
 * `name@version` -> the distinct patch file it shares with other releases). `file`
 * is the name the app's copy gets, after its own release (`better-auth@1.7.25.patch`,
 * `@better-auth__api-key@1.7.5.patch`); `path` is the shared file it is copied from.
 */
export function supportedPatches() {
	const manifest = JSON.parse(fs.readFileSync(path.join(PATCHES_DIR, "releases.json"), "utf8"));
	return Object.entries(manifest).map(([id, shared]) => {
		const at = id.lastIndexOf("@");
		return {
			id,
			name: id.slice(0, at),
			version: id.slice(at + 1),
			file: `${id.replace("/", "__")}.patch`,
			path: path.join(PATCHES_DIR, shared),
			patchPackagePath: path.join(PATCHES_DIR, "patch-package", patchPackageName(shared.slice(0, -".patch".length).replace("__", "/"))),
			// Read when written to an app: a patch built for a newer release carries its text instead (next-release.mjs).
			get text() {
				return fs.readFileSync(this.path, "utf8");
			},
			get patchPackageText() {
				return fs.readFileSync(this.patchPackagePath, "utf8");
			},
		};
	});
}

/** patch-package's name for a release's patch: better-auth+1.7.25.patch, @better-auth+api-key+1.7.5.patch. */
export function patchPackageName(id) {
	return `${id.replace("/", "+").replace(/@(?=[^@]*$)/, "+")}.patch`;
}

export const byVersion = (a, b) => a.localeCompare(b, "en", { numeric: true });

/** The shipped releases of `name`, oldest first. */
export function supportedVersions(name) {
	return supportedPatches()
		.filter((patch) => patch.name === name)
		.map((patch) => patch.version)
		.sort(byVersion);
}

/**
 * The shipped releases as a range: the patch builder covers every release between
 * the oldest and the newest it lists (packages/patch-builder/releases.json).
 */
export function supportedRange(name) {
	const versions = supportedVersions(name);
	return `${versions[0]}–${versions.at(-1)}, and newer releases built on demand`;
}

/** True when the patch adds the api-key half itself: better-auth up to 1.4.x bundles the api-key plugin. */
export function coversApiKeyPlugin(patch) {
	return patch.text.includes("\n+++ b/dist/api-key-org-context/api-key-plugin.mjs\n");
}

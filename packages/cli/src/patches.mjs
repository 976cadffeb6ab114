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
 * Every patch in PATCHES_DIR, from its file name (`better-auth@1.4.0.patch`,
 * `@better-auth__api-key@1.7.5.patch`): the supported versions are exactly the
 * patches the patch builder generated.
 */
export function supportedPatches() {
	return fs
		.readdirSync(PATCHES_DIR)
		.filter((file) => file.endsWith(".patch"))
		.map((file) => {
			const id = file.slice(0, -".patch".length).replace("__", "/");
			const at = id.lastIndexOf("@");
			return { id, name: id.slice(0, at), version: id.slice(at + 1), file, path: path.join(PATCHES_DIR, file) };
		});
}

export function supportedVersions(name) {
	return supportedPatches()
		.filter((patch) => patch.name === name)
		.map((patch) => patch.version);
}

/** True when the patch adds the api-key half itself: better-auth up to 1.4.x bundles the api-key plugin. */
export function coversApiKeyPlugin(patch) {
	return fs.readFileSync(patch.path, "utf8").includes("\n+++ b/dist/api-key-org-context/api-key-plugin.mjs\n");
}

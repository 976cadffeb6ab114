import fs from "node:fs";
import path from "node:path";

function readIfExists(file) {
	return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The version pnpm-lock.yaml (v6–v9) resolved for a direct dependency of the app's root importer. */
function fromPnpmLock(lock, name) {
	const root = /\n {2}\.:\n([\s\S]*?)(?=\n {2}\S|\n\S|$)/.exec(lock)?.[1];
	if (!root) return undefined;
	const entry = new RegExp(`\\n {6}'?${escapeRegExp(name)}'?:\\n {8}specifier: .*\\n {8}version: (\\d[^\\s(]*)`).exec(`\n${root}`);
	return entry?.[1];
}

/**
 * Which version of `name` the app uses: the installed one in node_modules,
 * else the one its lockfile resolved. `from` says where it was found.
 */
export function installedVersion(appDir, name) {
	const manifest = readIfExists(path.join(appDir, "node_modules", name, "package.json"));
	if (manifest) return { version: JSON.parse(manifest).version, from: `node_modules/${name}` };
	const pnpmLock = readIfExists(path.join(appDir, "pnpm-lock.yaml"));
	const fromLock = pnpmLock && fromPnpmLock(pnpmLock, name);
	if (fromLock) return { version: fromLock, from: "pnpm-lock.yaml" };
	const npmLock = readIfExists(path.join(appDir, "package-lock.json"));
	const fromNpm = npmLock && JSON.parse(npmLock).packages?.[`node_modules/${name}`]?.version;
	if (fromNpm) return { version: fromNpm, from: "package-lock.json" };
	return undefined;
}

/** The app's package manager, from its lockfile or `packageManager` field; pnpm when nothing says otherwise. */
export function packageManager(appDir) {
	const exists = (file) => fs.existsSync(path.join(appDir, file));
	if (exists("pnpm-lock.yaml") || exists("pnpm-workspace.yaml")) return "pnpm";
	if (exists("package-lock.json")) return "npm";
	if (exists("yarn.lock")) return "yarn";
	const declared = JSON.parse(readIfExists(path.join(appDir, "package.json")) ?? "{}").packageManager;
	return declared?.split("@")[0] ?? "pnpm";
}

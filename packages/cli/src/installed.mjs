import fs from "node:fs";
import path from "node:path";
import { Refusal } from "./refusal.mjs";

function readIfExists(file) {
	return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

/** Where a patched package keeps the modules the patch adds (see packages/patch-builder/src/targets). */
const PATCHED_MARKER = "dist/api-key-org-context";

/** Whether the package installed in the app carries this patch set's modules. */
export const isPatchedInstall = (appDir, name) => fs.existsSync(path.join(appDir, "node_modules", name, PATCHED_MARKER));

/** A version as npm pins one (`1.7.25`, `1.8.0-beta.1`), not a range. */
export const isExactVersion = (spec) => /^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec ?? "");

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The versions pnpm-lock.yaml (v6–v9) resolved for `name` as a direct dependency of any workspace package. */
function fromPnpmLock(lock, name) {
	const importers = /\nimporters:\n([\s\S]*?)(?=\n\S|$)/.exec(lock)?.[1] ?? "";
	const entry = new RegExp(`\\n {6}'?${escapeRegExp(name)}'?:\\n {8}specifier: .*\\n {8}version: (\\d[^\\s(]*)`, "g");
	return [...new Set([...importers.matchAll(entry)].map((match) => match[1]))];
}

/**
 * Which version of `name` the app uses: the installed one in node_modules,
 * else the one its lockfile resolved. `from` says where it was found.
 */
export function installedVersion(appDir, name) {
	const manifest = readIfExists(path.join(appDir, "node_modules", name, "package.json"));
	if (manifest) return { version: JSON.parse(manifest).version, from: `node_modules/${name}` };
	const pnpmLock = readIfExists(path.join(appDir, "pnpm-lock.yaml"));
	const locked = pnpmLock ? fromPnpmLock(pnpmLock, name) : [];
	if (locked.length > 1) {
		throw new Refusal(`pnpm-lock.yaml resolves ${name} to several versions (${locked.join(", ")}); one version per app is supported`);
	}
	if (locked.length === 1) return { version: locked[0], from: "pnpm-lock.yaml" };
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

/** The directory above `appDir` whose pnpm-workspace.yaml makes the app part of a workspace, if any. */
export function enclosingWorkspace(appDir) {
	for (let dir = path.dirname(appDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
		if (fs.existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
	}
	return undefined;
}

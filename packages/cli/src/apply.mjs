import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SELF } from "./command.mjs";
import { enclosingWorkspace, isPatchedInstall, packageManager } from "./installed.mjs";
import { patchFilesMatching, patchPackageChanges, patchPackageRemoval } from "./patch-package.mjs";
import { patchPackageName } from "./patches.mjs";
import { planPatches, releasesToPatch } from "./plan.mjs";
import { installCommand } from "./pnpm.mjs";
import { probe, reportProbe } from "./probe.mjs";
import { Refusal } from "./refusal.mjs";
import { isOurOverride, peerOverrides } from "./peer-overrides.mjs";
import { withEntries, withoutEntries } from "./workspace-yaml.mjs";

/** The packages the patch set patches: their pnpm patches and keys are the CLI's to add and remove. */
const isOurKey = (key) => /^(better-auth|@better-auth\/api-key)@\d/.test(key);
const OUR_PNPM_PATCH = /^(better-auth|@better-auth__api-key)@\d[^@]*\.patch$/;
const LOCKFILES = ["pnpm-lock.yaml", "package-lock.json", "yarn.lock"];

const ownPnpmPatchFiles = (appDir) => patchFilesMatching(appDir, OUR_PNPM_PATCH);

/**
 * pnpm: the app's patch files and exact `name@version` keys in pnpm-workspace.yaml
 * (an exact key makes pnpm fail loudly when a patch does not apply; a name-only
 * key only warns), and the peer overrides that keep one @better-auth/core.
 * Keys, overrides and files of other releases (before a bump) go.
 */
function pnpmChanges(appDir, plan) {
	const yamlFile = path.join(appDir, "pnpm-workspace.yaml");
	const current = fs.existsSync(yamlFile) ? fs.readFileSync(yamlFile, "utf8") : undefined;
	const wanted = new Set(plan.map((patch) => patch.id));
	const overrides = peerOverrides(appDir, plan);
	const wantedOverrides = new Set(overrides.map(([key]) => key));
	const withoutStale = withoutEntries(
		withoutEntries(current, "patchedDependencies", (key) => isOurKey(key) && !wanted.has(key)),
		"overrides",
		(key) => isOurOverride(key) && !wantedOverrides.has(key),
	);
	const patched = withEntries(withoutStale, "patchedDependencies", plan.map((patch) => [patch.id, `patches/${patch.file}`]));
	const writes = new Map([[yamlFile, withEntries(patched, "overrides", overrides)]]);
	const targets = plan.map((patch) => path.join(appDir, "patches", patch.file));
	for (const stale of ownPnpmPatchFiles(appDir).filter((file) => !targets.includes(file))) writes.set(stale, undefined);
	plan.forEach((patch, i) => writes.set(targets[i], patch.text));
	const notes = [...writes].map(([file, bytes]) => `${bytes === undefined ? "removed" : "wrote"} ${path.relative(appDir, file)}`);
	for (const [key, version] of overrides) notes.push(`pnpm-workspace.yaml: overrides "${key}": ${version} (the version better-auth depends on: one @better-auth/core, so the plugin's types fit)`);
	return { writes, notes };
}

function pnpmRemoval(appDir) {
	const yamlFile = path.join(appDir, "pnpm-workspace.yaml");
	const writes = new Map(ownPnpmPatchFiles(appDir).map((file) => [file, undefined]));
	if (fs.existsSync(yamlFile)) {
		const text = fs.readFileSync(yamlFile, "utf8");
		const edited = withoutEntries(withoutEntries(text, "patchedDependencies", isOurKey), "overrides", isOurOverride);
		if (edited !== text) writes.set(yamlFile, edited === "" ? undefined : edited);
	}
	const notes = [...writes].map(([file, bytes]) => `${bytes === undefined ? "removed" : "edited"} ${path.relative(appDir, file)}`);
	return { writes, notes };
}

/** The bytes of each file before it is touched (undefined: absent), and whether patches/ existed, to put back. */
function snapshot(appDir, files) {
	const patchesDir = path.join(appDir, "patches");
	const saved = new Map([...files, ...LOCKFILES.map((f) => path.join(appDir, f))].map((file) => [file, fs.existsSync(file) ? fs.readFileSync(file) : undefined]));
	return { saved, patchesDir, hadPatchesDir: fs.existsSync(patchesDir) };
}

function restore({ saved, patchesDir, hadPatchesDir }) {
	for (const [file, bytes] of saved) {
		if (bytes === undefined) fs.rmSync(file, { force: true });
		else fs.writeFileSync(file, bytes);
	}
	if (!hadPatchesDir) fs.rmSync(patchesDir, { recursive: true, force: true });
}

function write(writes) {
	for (const [file, bytes] of writes) {
		if (bytes === undefined) fs.rmSync(file, { force: true });
		else {
			fs.mkdirSync(path.dirname(file), { recursive: true });
			fs.writeFileSync(file, bytes);
		}
	}
}

/** Writes the changes, installs, and puts every file back if the install fails. Returns whether it succeeded. */
function writeAndInstall(appDir, manager, { writes, notes }, log, extraArgs = []) {
	const saved = snapshot(appDir, writes.keys());
	write(writes);
	for (const note of notes) log(`  ${note}`);
	const [command, ...args] = installCommand(manager);
	log(`running ${[command, ...args, ...extraArgs].join(" ")}`);
	const install = spawnSync(command, [...args, ...extraArgs], { cwd: appDir, stdio: "inherit" });
	if (install.status === 0) return true;
	restore(saved);
	log(`${manager} install failed (${install.error ?? `exit code ${install.status}`}): every file apply touched is as it was`);
	return false;
}

function requireApp(appDir, command) {
	if (!fs.existsSync(path.join(appDir, "package.json"))) throw new Refusal(`${appDir} has no package.json`);
	const manager = packageManager(appDir);
	// patchedDependencies belong to the workspace root: a pnpm-workspace.yaml here would split the workspace.
	const workspace = fs.existsSync(path.join(appDir, "pnpm-workspace.yaml")) ? undefined : enclosingWorkspace(appDir);
	if (manager === "pnpm" && workspace) throw new Refusal(`${appDir} is part of the pnpm workspace at ${workspace}: run ${command} there`);
	if (!["pnpm", "npm", "yarn"].includes(manager)) throw new Refusal(`${appDir} uses ${manager}; pnpm, npm and yarn 1 are supported`);
	return manager;
}

/** The app's copy of a release's patch, as apply names it for the package manager. */
function appPatchFile(appDir, manager, { name, version }) {
	const id = `${name}@${version}`;
	return path.join(appDir, "patches", manager === "pnpm" ? `${id.replace("/", "__")}.patch` : patchPackageName(id));
}

/**
 * Patches the app's better-auth (and @better-auth/api-key) for its package
 * manager: pnpm's patchedDependencies, or patch-package for npm and yarn 1,
 * installs, then proves the effect. Every refusal happens before the first
 * write; a failed install puts every file back. On releases it patched already
 * (installed patched, the app's patch files named for them) it only checks.
 */
export async function apply(appDir, log) {
	const manager = requireApp(appDir, "apply");
	const releases = releasesToPatch(appDir);
	if (releases.every((release) => isPatchedInstall(appDir, release.name) && fs.existsSync(appPatchFile(appDir, manager, release)))) {
		log(`${releases.map((r) => `${r.name}@${r.version}`).join(" and ")}: patched already; checking that the patch is in effect`);
		const status = reportProbe(probe(appDir), log, `the patch is installed but not in effect: run \`${SELF} remove\`, then \`apply\``);
		if (status === 0) log("already patched, in effect: nothing changed");
		return status;
	}
	const plan = await planPatches(appDir, releases, log);
	const changes = manager === "pnpm" ? pnpmChanges(appDir, plan) : patchPackageChanges(appDir, manager, plan);
	log(`patching ${plan.map((patch) => patch.id).join(" and ")} (${manager}${manager === "pnpm" ? "" : " with patch-package"}):`);
	// An explicit --no-frozen-lockfile: under CI=true pnpm would refuse the lockfile the new patches change.
	if (!writeAndInstall(appDir, manager, changes, log, manager === "pnpm" ? ["--no-frozen-lockfile"] : [])) return 1;
	log("runtime probe:");
	return reportProbe(probe(appDir), log);
}

/**
 * Takes the patch out: its files and entries, then a reinstall of the published
 * packages (patch-package cannot unapply, so npm and yarn reinstall them).
 */
export function remove(appDir, log) {
	const manager = requireApp(appDir, "remove");
	const changes = manager === "pnpm" ? pnpmRemoval(appDir) : patchPackageRemoval(appDir);
	if (changes.writes.size === 0) {
		log("no patch of better-auth or @better-auth/api-key found: nothing to remove");
		return 0;
	}
	log(`removing the patch (${manager}):`);
	if (manager !== "pnpm") {
		for (const name of ["better-auth", "@better-auth/api-key"]) fs.rmSync(path.join(appDir, "node_modules", name), { recursive: true, force: true });
	}
	const extra = { pnpm: ["--no-frozen-lockfile"], yarn: ["--check-files"], npm: [] }[manager];
	return writeAndInstall(appDir, manager, changes, log, extra) ? 0 : 1;
}

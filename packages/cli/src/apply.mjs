import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { enclosingWorkspace, packageManager } from "./installed.mjs";
import { patchPackageName } from "./patches.mjs";
import { planPatches } from "./plan.mjs";
import { pnpmCommand } from "./pnpm.mjs";
import { probe, reportProbe } from "./probe.mjs";
import { Refusal } from "./refusal.mjs";
import { withPatchedDependencies } from "./workspace-yaml.mjs";

function patchPackageSteps(manager, plan) {
	const files = plan.map((patch) => `  ${patch.patchPackagePath} as patches/${patchPackageName(patch.id)}`);
	return [
		`this app uses ${manager}, which cannot read pnpm patches; use patch-package instead:`,
		"1. copy into the app's patches/ folder, named for the installed release:",
		...files,
		`2. ${manager === "yarn" ? "yarn add -D" : "npm install -D"} patch-package, and add "postinstall": "patch-package" to the scripts in package.json`,
		`3. ${manager} install, then \`better-auth-org-patch check\``,
	].join("\n");
}

/** The bytes of each file before apply touches it (undefined: absent), to put back if the install fails. */
function snapshot(files) {
	return new Map(files.map((file) => [file, fs.existsSync(file) ? fs.readFileSync(file) : undefined]));
}

function restore(saved) {
	for (const [file, bytes] of saved) {
		if (bytes === undefined) fs.rmSync(file, { force: true });
		else fs.writeFileSync(file, bytes);
	}
}

/**
 * Copies the app's patches into its patches/, adds exact `name@version` keys
 * to pnpm-workspace.yaml (an exact key makes pnpm fail loudly when a patch does
 * not apply; a name-only key only warns), installs, then proves the effect.
 * Every refusal happens before the first write.
 */
export async function apply(appDir, log) {
	if (!fs.existsSync(path.join(appDir, "package.json"))) throw new Refusal(`${appDir} has no package.json`);
	const manager = packageManager(appDir);
	// patchedDependencies belong to the workspace root: a pnpm-workspace.yaml here would split the workspace.
	const workspace = fs.existsSync(path.join(appDir, "pnpm-workspace.yaml")) ? undefined : enclosingWorkspace(appDir);
	if (manager === "pnpm" && workspace) throw new Refusal(`${appDir} is part of the pnpm workspace at ${workspace}: run apply there`);
	const plan = await planPatches(appDir, log);
	if (manager !== "pnpm") throw new Refusal(patchPackageSteps(manager, plan));

	const yamlFile = path.join(appDir, "pnpm-workspace.yaml");
	const yaml = withPatchedDependencies(
		fs.existsSync(yamlFile) ? fs.readFileSync(yamlFile, "utf8") : undefined,
		plan.map((patch) => [patch.id, `patches/${patch.file}`]),
	);
	const targets = plan.map((patch) => path.join(appDir, "patches", patch.file));
	const saved = snapshot([yamlFile, path.join(appDir, "pnpm-lock.yaml"), ...targets]);

	fs.mkdirSync(path.join(appDir, "patches"), { recursive: true });
	plan.forEach((patch, i) => fs.copyFileSync(patch.path, targets[i]));
	fs.writeFileSync(yamlFile, yaml);
	log(`patching ${plan.map((patch) => patch.id).join(" and ")}: added patches/ and pnpm-workspace.yaml entries; running pnpm install`);

	// An explicit --no-frozen-lockfile: under CI=true pnpm would refuse the lockfile the new patches change.
	const [command, ...prefix] = pnpmCommand();
	const install = spawnSync(command, [...prefix, "install", "--no-frozen-lockfile"], { cwd: appDir, stdio: "inherit" });
	if (install.status !== 0) {
		restore(saved);
		log(`pnpm install failed (${install.error ?? `exit code ${install.status}`}): pnpm-workspace.yaml, pnpm-lock.yaml and patches/ restored`);
		return 1;
	}
	log("runtime probe:");
	return reportProbe(probe(appDir), log);
}

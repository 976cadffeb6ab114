// Throwaway apps for the adoption tests: a package.json in a temp directory,
// installed with the real package managers from the npm registry (pnpm's
// default store is shared, so repeated installs are quick).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installCommand } from "../../packages/cli/src/pnpm.mjs";
import { ADOPTION_VERSION } from "../../scripts/targets.mjs";
import { version } from "../support/target";

/**
 * The app tests install from the registry and use none of the suite's databases:
 * they run once, in the SQLite run of one project, and cover every release themselves.
 */
export const runsAppTests = version === ADOPTION_VERSION && process.env.TEST_DB !== "postgres";

export const CLI = path.resolve("packages/cli/bin.mjs");

/** The report's calls as one script (the demo runs it too), copied into an app as report-scenario.mjs. */
export const reportScenario = () => fs.readFileSync("packages/example-app/scripts/report-scenario.mjs", "utf8");

const created: string[] = [];

/** Creates an app with these dependencies and files (relative path -> text); removed by removeApps(). */
export function createApp(dependencies: Record<string, string>, files: Record<string, string> = {}, scripts = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-app-"));
	created.push(dir);
	const manifest = { name: path.basename(dir).toLowerCase(), private: true, type: "module", scripts, dependencies };
	fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
	for (const [file, text] of Object.entries(files)) {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), text);
	}
	return dir;
}

export function removeApps() {
	for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
	seconds: number;
}

/** The environment without what `npm test` / `pnpm run` put there for the repository itself. */
function appEnvironment() {
	return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm|pnpm)_/i.test(key)));
}

/** Runs a command in `cwd` (with `env` added); resolves with its exit status and output, never rejects. */
export function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
	const started = performance.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, { cwd, env: { ...appEnvironment(), ...env } });
		let stdout = "";
		let stderr = "";
		child.stdout.on("data", (chunk) => (stdout += chunk));
		child.stderr.on("data", (chunk) => (stderr += chunk));
		const done = (status: number | null) =>
			resolve({ status, stdout, stderr, seconds: Math.round((performance.now() - started) / 100) / 10 });
		child.on("error", (error) => {
			stderr += String(error);
			done(null);
		});
		child.on("close", done);
	});
}

export const cli = (args: string[], cwd: string) => run(process.execPath, [CLI, ...args], cwd);

/** An install that also works under CI=true, where pnpm would insist on an existing, frozen lockfile. */
export const pnpmInstall = (cwd: string, ...args: string[]) => {
	const [command, ...prefix] = installCommand("pnpm");
	return run(command, [...prefix, "--no-frozen-lockfile", ...args], cwd);
};

/** Every file of the app outside node_modules, by path, with its bytes. */
export function snapshot(dir: string, files: Record<string, string> = {}, base = dir): Record<string, string> {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const file = path.join(dir, entry.name);
		if (entry.isDirectory() && entry.name !== "node_modules") snapshot(file, files, base);
		else if (entry.isFile()) files[path.relative(base, file)] = fs.readFileSync(file).toString("base64");
	}
	return files;
}

/** Fails with the command's output, so a failed install or CLI run explains itself. */
export function expectStatus(result: Run, status: number, what: string) {
	if (result.status !== status) {
		throw new Error(`${what}: exit ${result.status}, expected ${status}\n${result.stdout}\n${result.stderr}`);
	}
}

// Installs the workspace with the pinned pnpm, which applies patches/ to the
// example app's better-auth, and builds packages/org-context and the CLI's patch
// builder. With --demo, also installs the example app's releases as published,
// for the demo to run the report's calls on both. Needs only Node 20 and npm.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const PNPM = JSON.parse(fs.readFileSync("package.json", "utf8")).packageManager; // "pnpm@10.34.9"

function installed() {
	try {
		return `pnpm@${execFileSync("pnpm", ["--version"], { encoding: "utf8" }).trim()}` === PNPM;
	} catch {
		return false;
	}
}

export function pnpm(args, options = {}) {
	const [command, prefix] = installed() ? ["pnpm", []] : ["npx", ["--yes", PNPM]];
	execFileSync(command, [...prefix, ...args], { stdio: "inherit", ...options });
}

/** Where the demo (packages/example-app/scripts/report-calls.ts) finds the example app's releases as published. */
const DEMO_UPSTREAM = path.resolve(".cache/demo-upstream");

export function installUpstreamForDemo() {
	const { dependencies } = JSON.parse(fs.readFileSync("packages/example-app/package.json", "utf8"));
	const pair = Object.fromEntries(["better-auth", "@better-auth/api-key"].map((name) => [name, dependencies[name]]));
	const manifest = `${JSON.stringify({ name: "demo-upstream", private: true, type: "module", dependencies: pair }, null, 2)}\n`;
	const manifestFile = path.join(DEMO_UPSTREAM, "package.json");
	if (fs.existsSync(path.join(DEMO_UPSTREAM, "node_modules")) && fs.readFileSync(manifestFile, "utf8") === manifest) return;
	fs.mkdirSync(DEMO_UPSTREAM, { recursive: true });
	fs.writeFileSync(manifestFile, manifest);
	// A workspace of its own: the repository's patchedDependencies do not reach it.
	fs.writeFileSync(path.join(DEMO_UPSTREAM, "pnpm-workspace.yaml"), "");
	pnpm(["install", "--silent", "--no-frozen-lockfile"], { cwd: DEMO_UPSTREAM });
}

if (import.meta.url === `file://${process.argv[1]}`) {
	pnpm(["install", "--frozen-lockfile"]);
	pnpm(["--silent", "build"]);
	if (process.argv.includes("--demo")) installUpstreamForDemo();
}

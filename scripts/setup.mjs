// Installs the workspace with the pinned pnpm, which applies patches/ to the
// example app's better-auth, and builds packages/org-context and the CLI's patch
// builder. Needs only Node 20 and npm.
import { execFileSync } from "node:child_process";
import fs from "node:fs";

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

if (import.meta.url === `file://${process.argv[1]}`) {
	pnpm(["install", "--frozen-lockfile"]);
	pnpm(["--silent", "build"]);
}

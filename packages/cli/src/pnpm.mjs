import { spawnSync } from "node:child_process";

/** The releases the CLI falls back to: the pnpm the repository pins (pnpm 11 needs Node 22), and yarn 1. */
export const PINNED_PNPM = "pnpm@10.34.9";
export const PINNED_YARN = "yarn@1.22.22";

const onPath = (command) => spawnSync(command, ["--version"], { stdio: "ignore" }).status === 0;

/**
 * How to run pnpm on this machine: pnpm on PATH, else the pinned release through
 * npx, which every machine with Node and npm has. Never installs anything globally.
 */
function pnpmCommand() {
	return onPath("pnpm") ? ["pnpm"] : ["npx", "--yes", PINNED_PNPM];
}

/** The install command of the app's package manager, resolved the same way. */
export function installCommand(manager) {
	if (manager === "pnpm") return [...pnpmCommand(), "install"];
	if (manager === "yarn") return [...(onPath("yarn") ? ["yarn"] : ["npx", "--yes", PINNED_YARN]), "install", "--non-interactive"];
	return ["npm", "install", "--no-audit", "--no-fund"];
}

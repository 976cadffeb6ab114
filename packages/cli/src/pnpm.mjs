import { spawnSync } from "node:child_process";

/** The release the CLI falls back to; the same one the repository pins (pnpm 11 needs Node 22). */
export const PINNED_PNPM = "pnpm@10.34.9";

/**
 * How to run pnpm on this machine: pnpm on PATH, else the pinned release through
 * npx, which every machine with Node and npm has. Never installs anything globally.
 */
export function pnpmCommand() {
	const onPath = spawnSync("pnpm", ["--version"], { stdio: "ignore" });
	return onPath.status === 0 ? ["pnpm"] : ["npx", "--yes", PINNED_PNPM];
}

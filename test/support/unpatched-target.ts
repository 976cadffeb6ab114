// The release matrix's unpatched app of a release (scripts/releases.ts): its
// index.ts re-exports the published packages under the names the suite imports.
// Used by the statement tests and by the benchmark; needs no vitest.
import fs from "node:fs";
import path from "node:path";
import { unpatchedDir } from "../../scripts/targets.mjs";

export function isUnpatchedInstalled(version: string): boolean {
	return fs.existsSync(path.join(unpatchedDir(version), "node_modules/better-auth/package.json"));
}

export function unpatchedTargetIndex(version: string): string {
	return path.join(unpatchedDir(version), "index.ts");
}

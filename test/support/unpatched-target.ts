// packages/target-<version>/index.ts beside the unpatched install of that release
// (scripts/install-unpatched.mjs), so that the same re-exports load the published
// packages. Used by the statement tests and by the benchmark; needs no vitest.
import fs from "node:fs";
import path from "node:path";
import { unpatchedDir } from "../../scripts/targets.mjs";

export function isUnpatchedInstalled(version: string): boolean {
	return fs.existsSync(path.join(unpatchedDir(version), "node_modules/better-auth/package.json"));
}

/** The copy's path. Written through a rename, as other processes may be reading it. */
export function unpatchedTargetIndex(version: string): string {
	const source = fs.readFileSync(path.resolve(`packages/target-${version}/index.ts`), "utf8");
	const copy = path.join(unpatchedDir(version), "index.ts");
	if (!fs.existsSync(copy) || fs.readFileSync(copy, "utf8") !== source) {
		const temporary = `${copy}.${process.pid}.tmp`;
		fs.writeFileSync(temporary, source);
		fs.renameSync(temporary, copy);
	}
	return copy;
}

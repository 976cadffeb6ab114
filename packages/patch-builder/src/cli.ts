import fs from "node:fs";
import path from "node:path";
import { patchFileName, renderPatch } from "./build";
import { PACKAGE_PATCHES } from "./targets";

const PATCHES = path.resolve(import.meta.dirname, "../../../patches");
const mode = process.argv[2];
if (mode !== "write" && mode !== "check") {
	console.error("usage: cli.ts write|check");
	process.exit(2);
}

let stale = 0;
for (const patch of PACKAGE_PATCHES) {
	const file = path.join(PATCHES, patchFileName(patch.id));
	const text = renderPatch(patch);
	const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
	if (current === text) {
		console.log(`up to date  ${path.relative(process.cwd(), file)}`);
	} else if (mode === "write") {
		fs.writeFileSync(file, text);
		console.log(`written     ${path.relative(process.cwd(), file)}`);
	} else {
		stale++;
		console.error(`OUT OF SYNC ${path.relative(process.cwd(), file)}: run \`pnpm patches:build\``);
	}
}
const known = new Set(PACKAGE_PATCHES.map((p) => patchFileName(p.id)));
for (const extra of fs.readdirSync(PATCHES).filter((f) => f.endsWith(".patch") && !known.has(f))) {
	stale++;
	console.error(`UNKNOWN     patches/${extra}: no entry in packages/patch-builder/src/targets`);
}
process.exit(stale ? 1 : 0);

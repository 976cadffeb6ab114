import fs from "node:fs";
import path from "node:path";
import { patchFileName, patchPackageFileName, renderPatch, toPatchPackage } from "./build";
import { PACKAGE_PATCHES } from "./targets";

const PATCHES = path.resolve(import.meta.dirname, "../../../patches");
/** The same patches for npm and yarn users, in patch-package's format. */
const PATCH_PACKAGE = path.join(PATCHES, "patch-package");
const mode = process.argv[2];
if (mode !== "write" && mode !== "check") {
	console.error("usage: cli.ts write|check");
	process.exit(2);
}

const outputs = PACKAGE_PATCHES.flatMap((patch) => {
	const text = renderPatch(patch);
	return [
		{ file: path.join(PATCHES, patchFileName(patch.id)), text },
		{ file: path.join(PATCH_PACKAGE, patchPackageFileName(patch.id)), text: toPatchPackage(patch.id, text) },
	];
});

let stale = 0;
fs.mkdirSync(PATCH_PACKAGE, { recursive: true });
for (const { file, text } of outputs) {
	const name = path.relative(process.cwd(), file);
	const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
	if (current === text) {
		console.log(`up to date  ${name}`);
	} else if (mode === "write") {
		fs.writeFileSync(file, text);
		console.log(`written     ${name}`);
	} else {
		stale++;
		console.error(`OUT OF SYNC ${name}: run \`pnpm patches:build\``);
	}
}
const known = new Set(outputs.map((o) => o.file));
for (const dir of [PATCHES, PATCH_PACKAGE]) {
	for (const extra of fs.readdirSync(dir).filter((f) => f.endsWith(".patch") && !known.has(path.join(dir, f)))) {
		stale++;
		console.error(`UNKNOWN     ${path.relative(process.cwd(), path.join(dir, extra))}: no entry in packages/patch-builder/src/targets`);
	}
}
process.exit(stale ? 1 : 0);

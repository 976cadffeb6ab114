// The published package carries its own copy of the repository's patches/
// (pnpm and patch-package formats); in the repository, src/patches.mjs reads
// ../../patches directly. `copy` runs before packing, `remove` after, so a
// stale copy never shadows the repository's patches.
import fs from "node:fs";
import path from "node:path";

const packageDir = path.resolve(import.meta.dirname, "..");
const copy = path.join(packageDir, "patches");
const mode = process.argv[2];

fs.rmSync(copy, { recursive: true, force: true });
if (mode === "copy") {
	fs.cpSync(path.resolve(packageDir, "../../patches"), copy, { recursive: true });
	console.log(`copied patches/ into ${path.relative(process.cwd(), copy) || "."}`);
} else if (mode !== "remove") {
	console.error("usage: pack-patches.mjs copy|remove");
	process.exit(2);
}

import fs from "node:fs";
import path from "node:path";
import { patchFileName, patchPackageFileName, pristinePackage, renderPatch, toPatchPackage } from "./build";
import { PackageFiles } from "./layout";
import { apiKeyPairOf, RELEASES, releaseIds } from "./releases";
import { packagePatch } from "./targets";

const PATCHES = path.resolve(import.meta.dirname, "../../../patches");
/** The same patches for npm and yarn users, in patch-package's format. */
const PATCH_PACKAGE = path.join(PATCHES, "patch-package");
/** Which file patches each release: `patchedDependencies` keys for every release, in one place. */
const MANIFEST = path.join(PATCHES, "releases.json");
/** The api-key release each better-auth release (1.5+) is proven with: the CLI names it when an app's api-key release does not fit. */
const API_KEY_PAIRS = path.join(PATCHES, "api-key-pairs.json");
const mode = process.argv[2];
if (mode !== "write" && mode !== "check") {
	console.error("usage: cli.ts write|check");
	process.exit(2);
}

/** Each distinct patch once, named after the first release it serves; later releases with the same bytes share it. */
const byText = new Map<string, string>();
const manifest: Record<string, string> = {};
const failures: string[] = [];
for (const id of releaseIds()) {
	const pristine = pristinePackage(id);
	try {
		const text = renderPatch(packagePatch(id, new PackageFiles(id, pristine)), pristine);
		if (!byText.has(text)) byText.set(text, id);
		manifest[id] = patchFileName(byText.get(text) as string);
	} catch (error) {
		failures.push((error as Error).message);
	}
}
if (failures.length) {
	console.error(`${failures.length} release(s) could not be patched:\n${failures.join("\n")}`);
	process.exit(1);
}

const outputs = [...byText].flatMap(([text, id]) => [
	{ file: path.join(PATCHES, patchFileName(id)), text },
	{ file: path.join(PATCH_PACKAGE, patchPackageFileName(id)), text: toPatchPackage(id, text) },
]);
outputs.push({ file: MANIFEST, text: `${JSON.stringify(manifest, null, "\t")}\n` });
const pairs = Object.fromEntries(RELEASES["better-auth"].map((version) => [version, apiKeyPairOf(version)]).filter(([, pair]) => pair));
outputs.push({ file: API_KEY_PAIRS, text: `${JSON.stringify(pairs, null, "\t")}\n` });

let stale = 0;
fs.mkdirSync(PATCH_PACKAGE, { recursive: true });
for (const { file, text } of outputs) {
	const name = path.relative(process.cwd(), file);
	const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
	if (current === text) continue;
	if (mode === "write") {
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
		if (mode === "write") {
			fs.rmSync(path.join(dir, extra));
			console.log(`removed     ${path.relative(process.cwd(), path.join(dir, extra))}`);
		} else {
			stale++;
			console.error(`UNKNOWN     ${path.relative(process.cwd(), path.join(dir, extra))}: no release in packages/patch-builder/releases.json uses it`);
		}
	}
}
console.log(`${Object.keys(manifest).length} releases, ${byText.size} distinct patches${stale ? `, ${stale} out of sync` : ", in sync"}`);
process.exit(stale ? 1 : 0);

// A release newer than the patches this CLI ships (patches/releases.json): the
// patch is built from the app's own installed package with the same edits
// (builder/, bundled from packages/patch-builder and committed, so a plain clone
// has it), proven with the runtime probe on a patched copy outside the app, and
// only then handed to apply. Every refusal comes before the first write to the app;
// the built patch stays in memory, and the proof's copy is removed, whatever happens.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SELF } from "./command.mjs";
import { isPatchedInstall } from "./installed.mjs";
import { probe } from "./probe.mjs";
import { Refusal } from "./refusal.mjs";

const BUILDER = path.resolve(import.meta.dirname, "../builder");

async function loadBuilder() {
	const entry = path.join(BUILDER, "index.mjs");
	if (!fs.existsSync(entry)) throw new Refusal(`this copy of the CLI has lost its patch builder (${entry}), which the repository and the package ship: restore it (\`git checkout -- packages/cli/builder\` in a clone)`);
	return import(entry);
}

/** The installed package's own directory (through pnpm's symlinks), refused when a patch is in it already. */
function installedPackageDir(appDir, name, version) {
	if (isPatchedInstall(appDir, name)) {
		throw new Refusal(
			`${name}@${version} in ${appDir} carries a patch already, but the app's patches/ has none for this release (another release's, applied after a bump?): run \`${SELF} remove\`, then \`apply\``,
		);
	}
	return fs.realpathSync(path.join(appDir, "node_modules", name));
}

/** Builds each release's patch from its installed files; a release whose files changed where the edits go is refused. */
export async function buildPatches(appDir, releases) {
	const { buildInstalledPatch } = await loadBuilder();
	return releases.map(({ name, version }) => {
		const id = `${name}@${version}`;
		const dir = installedPackageDir(appDir, name, version);
		let built;
		try {
			built = buildInstalledPatch(id, dir, path.join(BUILDER, "modules"));
		} catch (error) {
			throw new Refusal(`${id} is newer than the shipped patches, and the patch cannot be built for it: ${error.message}`);
		}
		return { id, name, version, file: `${id.replace("/", "__")}.patch`, text: built.text, patchPackageText: built.patchPackageText, dir, built };
	});
}

/**
 * A node_modules in `root`, outside the app, where the built packages are patched copies and
 * every other package is a link to the app's own: the installed package's
 * dependencies (its siblings in pnpm's layout), then the app's direct ones.
 */
function fillPatchedCopy(root, appDir, built) {
	const modules = path.join(root, "node_modules");
	const link = (from) => {
		if (!fs.existsSync(from)) return;
		for (const entry of fs.readdirSync(from)) {
			if (entry.startsWith(".")) continue;
			if (entry.startsWith("@")) {
				fs.mkdirSync(path.join(modules, entry), { recursive: true });
				for (const scoped of fs.readdirSync(path.join(from, entry))) linkOnce(path.join(from, entry, scoped), path.join(modules, entry, scoped));
			} else linkOnce(path.join(from, entry), path.join(modules, entry));
		}
	};
	const linkOnce = (target, at) => {
		if (!fs.existsSync(at) && !built.some((b) => path.join(modules, b.name) === at)) fs.symlinkSync(target, at);
	};
	fs.mkdirSync(modules, { recursive: true });
	for (const b of built) link(b.dir.slice(0, -b.name.length - 1));
	link(path.join(appDir, "node_modules"));
	for (const b of built) {
		const copy = path.join(modules, b.name);
		fs.cpSync(b.dir, copy, { recursive: true, dereference: true });
		for (const [file, text] of b.built.files) {
			fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
			fs.writeFileSync(path.join(copy, file), text);
		}
	}
	fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ name: "better-auth-org-patch-proof", private: true, type: "module" }));
}

/** Runs the probe on the patched copy: refused, with what failed, unless the fix shows at runtime. */
export function proveBuiltPatches(appDir, built, log) {
	const root = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-proof-"));
	try {
		fillPatchedCopy(root, appDir, built);
		const outcome = probe(root);
		if (outcome.error) throw new Refusal(`the patch built for ${built.map((b) => b.id).join(" and ")} could not be proven: ${outcome.error}`);
		const failed = outcome.results.filter((r) => !r.ok);
		if (failed.length) {
			const what = failed.map((r) => `${r.name}: got ${r.got.status} ${JSON.stringify(r.got.body)}`).join("; ");
			throw new Refusal(`the patch built for ${built.map((b) => b.id).join(" and ")} applies but does not work: ${what}`);
		}
		log(`built the patch for ${built.map((b) => b.id).join(" and ")} from the installed files; the probe passed on a patched copy`);
	} finally {
		fs.rmSync(root, { recursive: true, force: true });
	}
}

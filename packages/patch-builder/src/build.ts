import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { applyReplace, importLine, type PackagePatch } from "./edits";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const PRISTINE = path.join(ROOT, ".cache/pristine");
const MODULES = path.join(ROOT, "packages/org-context/dist");

/** The published tarball's contents, fetched once from the registry. */
export function pristinePackage(id: string): string {
	const dir = path.join(PRISTINE, id.replace("/", "__"));
	const pkg = path.join(dir, "package");
	if (fs.existsSync(path.join(pkg, "package.json"))) return pkg;
	fs.mkdirSync(dir, { recursive: true });
	const tarball = execFileSync("npm", ["pack", id, "--silent", "--pack-destination", dir], { encoding: "utf8" }).trim();
	execFileSync("tar", ["xzf", path.join(dir, tarball), "-C", dir]);
	return pkg;
}

/** The patched text of every file the patch adds or changes, by path inside the package. */
export function patchedFiles(patch: PackagePatch, pristine: string, modules = MODULES): Map<string, string> {
	const files = new Map<string, string>();
	const read = (file: string) => files.get(file) ?? fs.readFileSync(path.join(pristine, file), "utf8");
	for (const edit of patch.replaces) {
		try {
			files.set(edit.file, applyReplace(read(edit.file), edit));
		} catch (error) {
			throw new Error(`${patch.id}: ${(error as Error).message}`);
		}
	}
	const importsByFile = new Map<string, string>();
	for (const edit of patch.imports) {
		const line = importLine(edit, patch.modules[`${edit.from}.mjs`] ?? missing(patch, edit.from));
		if (!importsByFile.get(edit.file)?.includes(line)) importsByFile.set(edit.file, (importsByFile.get(edit.file) ?? "") + line);
	}
	for (const [file, lines] of importsByFile) files.set(file, lines + read(file));
	for (const [built, target] of Object.entries(patch.modules)) {
		files.set(target, fs.readFileSync(path.join(modules, built), "utf8"));
	}
	return files;
}

function missing(patch: PackagePatch, from: string): never {
	throw new Error(`${patch.id}: imports from ${from}, which the patch does not add`);
}

/** A git-style diff with a/ and b/ paths relative to the package root: the format `pnpm patch` writes. */
export function renderPatch(patch: PackagePatch, pristine: string, modules = MODULES): string {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), "patch-builder-"));
	try {
		for (const [file, text] of patchedFiles(patch, pristine, modules)) {
			const before = path.join(pristine, file);
			if (fs.existsSync(before)) {
				fs.mkdirSync(path.dirname(path.join(work, "a", file)), { recursive: true });
				fs.copyFileSync(before, path.join(work, "a", file));
			}
			fs.mkdirSync(path.dirname(path.join(work, "b", file)), { recursive: true });
			fs.writeFileSync(path.join(work, "b", file), text);
		}
		fs.mkdirSync(path.join(work, "a"), { recursive: true });
		return gitDiff(work);
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

function gitDiff(cwd: string): string {
	try {
		execFileSync("git", ["diff", "--no-index", "--no-prefix", "--no-color", "--no-ext-diff", "a", "b"], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
		return "";
	} catch (error) {
		const e = error as { status?: number; stdout?: string };
		// With --no-prefix an added file's header names b/ twice; patch appliers expect a/ then b/.
		if (e.status === 1 && e.stdout) return e.stdout.replace(/^diff --git b\/(\S+) b\/\1$/gm, "diff --git a/$1 b/$1");
		throw error;
	}
}

export function patchFileName(id: string): string {
	return `${id.replace("/", "__")}.patch`;
}

/** `better-auth+1.4.0.patch`, `@better-auth+api-key+1.7.5.patch`: the names patch-package looks for. */
export function patchPackageFileName(id: string): string {
	return `${id.replace("/", "+").replace(/@(?=[^@]*$)/, "+")}.patch`;
}

/**
 * The same diff for patch-package (npm and yarn): its paths start at the app's
 * root, so every header path moves under node_modules/<name>/. Hunk lines stay
 * as they are: only the lines between `diff --git` and the first `@@` are headers.
 */
export function toPatchPackage(id: string, pnpmPatch: string): string {
	const prefix = `node_modules/${id.slice(0, id.lastIndexOf("@"))}/`;
	let inHeader = false;
	return pnpmPatch
		.split("\n")
		.map((line) => {
			if (line.startsWith("diff --git ")) {
				inHeader = true;
				return line.replace(/ a\/(\S+) b\/(\S+)$/, ` a/${prefix}$1 b/${prefix}$2`);
			}
			if (line.startsWith("@@")) inHeader = false;
			if (inHeader && /^(---|\+\+\+) [ab]\//.test(line)) return line.replace(/^(---|\+\+\+) ([ab])\//, `$1 $2/${prefix}`);
			return line;
		})
		.join("\n");
}

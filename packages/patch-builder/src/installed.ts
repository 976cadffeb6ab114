// The patch for a release the shipped patch set does not list yet (say, one that
// came out today), built on the user's machine by the CLI from the package as
// installed: the same edits, placed by the same markers. Bundled into the CLI as
// packages/cli/builder/index.mjs; the modules of packages/org-context go beside it.
import { patchedFiles, renderPatch, toPatchPackage } from "./build";
import { PackageFiles } from "./layout";
import { packagePatch } from "./targets";

export interface BuiltPatch {
	id: string;
	/** The pnpm patch. */
	text: string;
	/** The same diff in patch-package's format. */
	patchPackageText: string;
	/** The patched text of every file the patch adds or changes, by path inside the package. */
	files: Map<string, string>;
}

/**
 * Throws, naming the release, the file and the edit, when an edit no longer
 * matches the installed files: the release changed where the patch edits it.
 */
export function buildInstalledPatch(id: string, packageDir: string, modulesDir: string): BuiltPatch {
	const patch = packagePatch(id, new PackageFiles(id, packageDir));
	const text = renderPatch(patch, packageDir, modulesDir);
	return { id, text, patchPackageText: toPatchPackage(id, text), files: patchedFiles(patch, packageDir, modulesDir) };
}

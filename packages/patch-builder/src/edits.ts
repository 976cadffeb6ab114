import path from "node:path";

/** One call-site change in a published file, checked to match exactly `count` times ("some": at least once). */
export interface Replace {
	file: string;
	/** The one part of the file the change is made in (a function), where `find` also matches outside it. */
	within?: RegExp;
	find: string | RegExp;
	replace: string;
	count?: number | "some";
}

/** Names a file imports from a module the patch adds to the package. */
export interface Import {
	file: string;
	names: string[];
	from: string;
}

export interface PackagePatch {
	/** `name@version`, exactly as the `patchedDependencies` key. */
	id: string;
	/** Built modules of packages/org-context copied into the package: dist file name -> path inside the package. */
	modules: Record<string, string>;
	imports: Import[];
	replaces: Replace[];
}

function occurrences(text: string, find: string | RegExp): number {
	if (typeof find === "string") return text.split(find).length - 1;
	return [...text.matchAll(new RegExp(find.source, find.flags.includes("g") ? find.flags : `${find.flags}g`))].length;
}

export function applyReplace(text: string, edit: Replace): string {
	if (edit.within) {
		const regions = [...text.matchAll(new RegExp(edit.within.source, `${edit.within.flags.replace("g", "")}g`))];
		if (regions.length !== 1) throw new Error(`${edit.file}: expected 1 match of ${String(edit.within)}, found ${regions.length}`);
		const [region] = regions;
		const start = region.index ?? 0;
		const changed = applyReplace(region[0], { ...edit, within: undefined });
		return text.slice(0, start) + changed + text.slice(start + region[0].length);
	}
	const expected = edit.count ?? 1;
	const found = occurrences(text, edit.find);
	if (expected === "some" ? found === 0 : found !== expected) {
		throw new Error(`${edit.file}: expected ${expected} match(es) of ${String(edit.find)}, found ${found}`);
	}
	if (typeof edit.find === "string") return text.split(edit.find).join(edit.replace);
	const global = new RegExp(edit.find.source, edit.find.flags.includes("g") ? edit.find.flags : `${edit.find.flags}g`);
	return text.replace(global, edit.replace);
}

export function importLine(edit: Import, modulePath: string): string {
	let specifier = path.posix.relative(path.posix.dirname(edit.file), modulePath);
	if (!specifier.startsWith(".")) specifier = `./${specifier}`;
	return `import { ${edit.names.join(", ")} } from "${specifier}";\n`;
}

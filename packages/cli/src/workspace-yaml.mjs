import { Refusal } from "./refusal.mjs";

const HEADER = /^patchedDependencies\s*:/;
const ENTRY = /^(\s+)(?:'([^']*)'|"([^"]*)"|([^\s'"#][^:#]*?))\s*:\s+(?:'([^']*)'|"([^"]*)"|([^\s'"#]\S*))\s*(#.*)?$/;

/** A key YAML reads as written: one starting with `@` (a reserved indicator) is quoted. */
const yamlKey = (key) => (/^[A-Za-z0-9]/.test(key) ? key : `'${key}'`);

/**
 * The text of a pnpm-workspace.yaml with `patchedDependencies` entries added,
 * every other line kept byte for byte. Reads the block form pnpm itself writes
 * (`patchedDependencies:`, then one indented `key: value` a line) and refuses
 * anything else rather than guess. `text` is undefined when the file is absent.
 */
export function withPatchedDependencies(text, entries) {
	const lines = text === undefined || text === "" ? [] : text.replace(/\n$/, "").split("\n");
	const start = lines.findIndex((line) => HEADER.test(line));
	if (start === -1) {
		const block = ["patchedDependencies:", ...entries.map(([key, value]) => `  ${yamlKey(key)}: ${value}`)];
		return `${[...lines, ...block].join("\n")}\n`;
	}
	if (!/^patchedDependencies\s*:\s*(#.*)?$/.test(lines[start])) {
		throw new Refusal(`pnpm-workspace.yaml: cannot edit "${lines[start].trim()}" (only the block form); add the entries yourself`);
	}
	const existing = new Map();
	let indent = "  ";
	let last = start;
	for (let i = start + 1; i < lines.length && (lines[i].trim() === "" || /^\s/.test(lines[i])); i++) {
		if (lines[i].trim() === "" || lines[i].trim().startsWith("#")) continue;
		const match = ENTRY.exec(lines[i]);
		if (!match) throw new Refusal(`pnpm-workspace.yaml line ${i + 1}: cannot read "${lines[i].trim()}" under patchedDependencies`);
		indent = match[1];
		existing.set(match[2] ?? match[3] ?? match[4], match[5] ?? match[6] ?? match[7]);
		last = i;
	}
	const added = [];
	for (const [key, value] of entries) {
		const current = existing.get(key);
		if (current === value) continue;
		if (current !== undefined) {
			throw new Refusal(`pnpm-workspace.yaml already patches ${key} with ${current}; remove that entry first to use ${value}`);
		}
		added.push(`${indent}${yamlKey(key)}: ${value}`);
	}
	if (added.length === 0) return text;
	lines.splice(last + 1, 0, ...added);
	return `${lines.join("\n")}\n`;
}

import { Refusal } from "./refusal.mjs";

const ENTRY = /^(\s+)(?:'([^']*)'|"([^"]*)"|([^\s'"#][^:#]*?))\s*:\s+(?:'([^']*)'|"([^"]*)"|([^\s'"#]\S*))\s*(#.*)?$/;

/** A key YAML reads as written: one starting with `@` (a reserved indicator) is quoted. */
const yamlKey = (key) => (/^[A-Za-z0-9]/.test(key) ? key : `'${key}'`);

/**
 * The text of a pnpm-workspace.yaml with entries added to one of its maps
 * (`patchedDependencies`, `overrides`), every other line kept byte for byte.
 * `text` is undefined when the file is absent.
 */
export function withEntries(text, map, entries) {
	if (entries.length === 0) return text;
	const lines = linesOf(text);
	const block = readBlock(lines, map);
	if (!block) {
		const added = [`${map}:`, ...entries.map(([key, value]) => `  ${yamlKey(key)}: ${value}`)];
		return `${[...lines, ...added].join("\n")}\n`;
	}
	const existing = new Map(block.entries.map((entry) => [entry.key, entry.value]));
	const added = [];
	for (const [key, value] of entries) {
		const current = existing.get(key);
		if (current === value) continue;
		if (current !== undefined) {
			throw new Refusal(`pnpm-workspace.yaml already has ${map} "${key}: ${current}"; remove that entry first to use ${value}`);
		}
		added.push(`${block.indent}${yamlKey(key)}: ${value}`);
	}
	if (added.length === 0) return text;
	lines.splice(block.last + 1, 0, ...added);
	return `${lines.join("\n")}\n`;
}

/**
 * The text with the entries of `map` whose key `isRemoved` accepts taken out,
 * every other line kept; the map's header too when no entry is left.
 * Returns the text unchanged when there is nothing to remove.
 */
export function withoutEntries(text, map, isRemoved) {
	const lines = linesOf(text);
	const block = readBlock(lines, map);
	const removed = block?.entries.filter((entry) => isRemoved(entry.key)) ?? [];
	if (removed.length === 0) return text;
	const drop = new Set(removed.map((entry) => entry.line));
	if (removed.length === block.entries.length) drop.add(block.start);
	const kept = lines.filter((_, i) => !drop.has(i));
	return kept.length ? `${kept.join("\n")}\n` : "";
}

const linesOf = (text) => (text === undefined || text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/**
 * The block form pnpm itself writes (`map:`, then one indented `key: value`
 * a line), read; anything else is refused rather than guessed at.
 */
function readBlock(lines, map) {
	const start = lines.findIndex((line) => new RegExp(`^${map}\\s*:`).test(line));
	if (start === -1) return undefined;
	if (!new RegExp(`^${map}\\s*:\\s*(#.*)?$`).test(lines[start])) {
		throw new Refusal(`pnpm-workspace.yaml: cannot edit "${lines[start].trim()}" (only the block form); edit the entries yourself`);
	}
	const entries = [];
	let indent = "  ";
	let last = start;
	for (let i = start + 1; i < lines.length && (lines[i].trim() === "" || /^\s/.test(lines[i])); i++) {
		if (lines[i].trim() === "" || lines[i].trim().startsWith("#")) continue;
		const match = ENTRY.exec(lines[i]);
		if (!match) throw new Refusal(`pnpm-workspace.yaml line ${i + 1}: cannot read "${lines[i].trim()}" under ${map}`);
		indent = match[1];
		entries.push({ line: i, key: match[2] ?? match[3] ?? match[4], value: match[5] ?? match[6] ?? match[7] });
		last = i;
	}
	return { start, entries, indent, last };
}

// How `apply` edits a pnpm-workspace.yaml: entries added, every other byte kept,
// anything it cannot read refused. No install: the text in, the text out.
import { describe, expect, test } from "vitest";
import { Refusal } from "../../packages/cli/src/refusal.mjs";
import { withEntries, withoutEntries } from "../../packages/cli/src/workspace-yaml.mjs";
import { runsAppTests } from "./apps";

const ours: [string, string][] = [
	["better-auth@1.7.25", "patches/better-auth@1.7.25.patch"],
	["@better-auth/api-key@1.7.5", "patches/@better-auth__api-key@1.7.5.patch"],
];
const ourLines = "  better-auth@1.7.25: patches/better-auth@1.7.25.patch\n  '@better-auth/api-key@1.7.5': patches/@better-auth__api-key@1.7.5.patch\n";

describe.runIf(runsAppTests)("pnpm-workspace.yaml edits", () => {
	test("an absent or empty file gets a patchedDependencies block, scoped keys quoted", () => {
		expect(withEntries(undefined, "patchedDependencies", ours)).toBe(`patchedDependencies:\n${ourLines}`);
		expect(withEntries("", "patchedDependencies", ours)).toBe(`patchedDependencies:\n${ourLines}`);
	});

	test("a file without the block keeps its text and gets the block at the end", () => {
		expect(withEntries("packages:\n  - apps/*", "patchedDependencies", ours)).toBe(`packages:\n  - apps/*\npatchedDependencies:\n${ourLines}`);
	});

	test("an existing block keeps its entries, comments and indentation; ours go after its last entry", () => {
		const text = [
			"patchedDependencies: # ours too",
			"   \"zod@4.3.6\": 'patches/zod@4.3.6.patch'",
			"   # a comment in the block",
			"",
			"savePrefix: ''",
			"",
		].join("\n");
		expect(withEntries(text, "patchedDependencies", ours)).toBe(
			text.replace(
				"'patches/zod@4.3.6.patch'\n",
				"'patches/zod@4.3.6.patch'\n   better-auth@1.7.25: patches/better-auth@1.7.25.patch\n   '@better-auth/api-key@1.7.5': patches/@better-auth__api-key@1.7.5.patch\n",
			),
		);
	});

	test("entries already there, quoted or not, leave the text as it is", () => {
		const text = `patchedDependencies:\n${ourLines.replace("better-auth@1.7.25", "'better-auth@1.7.25'")}`;
		expect(withEntries(text, "patchedDependencies", ours)).toBe(text);
	});

	test("the same key with another patch file is refused, not overwritten", () => {
		const text = "patchedDependencies:\n  better-auth@1.7.25: patches/my-own-fix.patch\n";
		expect(() => withEntries(text, "patchedDependencies", ours)).toThrow(Refusal);
		expect(() => withEntries(text, "patchedDependencies", ours)).toThrow("already has patchedDependencies \"better-auth@1.7.25: patches/my-own-fix.patch\"");
	});

	test("forms it cannot read (flow style, nested values) are refused rather than guessed at", () => {
		expect(() => withEntries("patchedDependencies: { zod: patches/zod.patch }\n", "patchedDependencies", ours)).toThrow(Refusal);
		expect(() => withEntries("patchedDependencies:\n  zod:\n    path: x\n", "patchedDependencies", ours)).toThrow(Refusal);
	});

	test("overrides are a map of their own: added after the patches, taken out again without the user's", () => {
		const patched = withEntries(undefined, "patchedDependencies", ours);
		const text = `${patched}overrides:\n  zod: 4.3.6\n`;
		const override: [string, string][] = [["@better-auth/api-key@1.7.5>better-call", "1.4.5"]];
		const withOurs = withEntries(text, "overrides", override);
		expect(withOurs).toBe(`${text}  '@better-auth/api-key@1.7.5>better-call': 1.4.5\n`);
		expect(withoutEntries(withOurs, "overrides", (key) => key.startsWith("@better-auth/api-key@"))).toBe(text);
		expect(withoutEntries(withOurs, "patchedDependencies", () => true)).toBe(`overrides:\n  zod: 4.3.6\n  '@better-auth/api-key@1.7.5>better-call': 1.4.5\n`);
	});

	test("no entries to add leave the text, or its absence, as it is", () => {
		expect(withEntries(undefined, "overrides", [])).toBeUndefined();
		expect(withEntries("packages: []\n", "overrides", [])).toBe("packages: []\n");
	});
});

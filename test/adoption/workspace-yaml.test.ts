// How `apply` edits a pnpm-workspace.yaml: entries added, every other byte kept,
// anything it cannot read refused. No install: the text in, the text out.
import { describe, expect, test } from "vitest";
import { Refusal } from "../../packages/cli/src/refusal.mjs";
import { withPatchedDependencies } from "../../packages/cli/src/workspace-yaml.mjs";
import { runsAppTests } from "./apps";

const ours: [string, string][] = [
	["better-auth@1.7.25", "patches/better-auth@1.7.25.patch"],
	["@better-auth/api-key@1.7.5", "patches/@better-auth__api-key@1.7.5.patch"],
];
const ourLines = "  better-auth@1.7.25: patches/better-auth@1.7.25.patch\n  '@better-auth/api-key@1.7.5': patches/@better-auth__api-key@1.7.5.patch\n";

describe.runIf(runsAppTests)("pnpm-workspace.yaml edits", () => {
	test("an absent or empty file gets a patchedDependencies block, scoped keys quoted", () => {
		expect(withPatchedDependencies(undefined, ours)).toBe(`patchedDependencies:\n${ourLines}`);
		expect(withPatchedDependencies("", ours)).toBe(`patchedDependencies:\n${ourLines}`);
	});

	test("a file without the block keeps its text and gets the block at the end", () => {
		expect(withPatchedDependencies("packages:\n  - apps/*", ours)).toBe(`packages:\n  - apps/*\npatchedDependencies:\n${ourLines}`);
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
		expect(withPatchedDependencies(text, ours)).toBe(
			text.replace(
				"'patches/zod@4.3.6.patch'\n",
				"'patches/zod@4.3.6.patch'\n   better-auth@1.7.25: patches/better-auth@1.7.25.patch\n   '@better-auth/api-key@1.7.5': patches/@better-auth__api-key@1.7.5.patch\n",
			),
		);
	});

	test("entries already there, quoted or not, leave the text as it is", () => {
		const text = `patchedDependencies:\n${ourLines.replace("better-auth@1.7.25", "'better-auth@1.7.25'")}`;
		expect(withPatchedDependencies(text, ours)).toBe(text);
	});

	test("the same key with another patch file is refused, not overwritten", () => {
		const text = "patchedDependencies:\n  better-auth@1.7.25: patches/my-own-fix.patch\n";
		expect(() => withPatchedDependencies(text, ours)).toThrow(Refusal);
		expect(() => withPatchedDependencies(text, ours)).toThrow("already patches better-auth@1.7.25 with patches/my-own-fix.patch");
	});

	test("forms it cannot read (flow style, nested values) are refused rather than guessed at", () => {
		expect(() => withPatchedDependencies("patchedDependencies: { zod: patches/zod.patch }\n", ours)).toThrow(Refusal);
		expect(() => withPatchedDependencies("patchedDependencies:\n  zod:\n    path: x\n", ours)).toThrow(Refusal);
	});
});

// Compiles active-member.ts with tsc against this project's release. Patched, the
// declarations take getActiveMember's `query.organizationId` as a string. Unpatched,
// `query` is `Record<string, any>`: the string call compiles too, but the number
// calls do as well, so their `@ts-expect-error` directives go unused; and
// `organizationKeys` is not a known option of the api-key plugin.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "vitest";
import { releaseDir } from "../../scripts/targets.mjs";
import { runsExampleApp } from "../e2e/world";
import { expectFixed, unpatched } from "../support/expect";
import { version } from "../support/target";

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const source = path.join(import.meta.dirname, "active-member.ts");

/** The release's re-exports, in the release matrix's app of the variant this run tests. */
const targetIndex = () => path.join(releaseDir(unpatched ? "unpatched" : "patched", version), "index.ts");

const runTsc = (config: string) => {
	const result = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", config], { encoding: "utf8" });
	return { status: result.status, diagnostics: `${result.stdout}${result.stderr}`.trim() };
};

function typeCheck() {
	const dir = path.resolve(".cache/types", unpatched ? `${version}-unpatched` : version);
	fs.mkdirSync(dir, { recursive: true });
	const config = path.join(dir, "tsconfig.json");
	const extendsBase = path.join(import.meta.dirname, "tsconfig.json");
	fs.writeFileSync(config, JSON.stringify({ extends: extendsBase, compilerOptions: { paths: { "#target": [targetIndex()] } } }));
	return runTsc(config);
}

/** 1-based lines of the `@ts-expect-error` directives, where tsc reports them unused. */
const directiveLines = fs
	.readFileSync(source, "utf8")
	.split("\n")
	.flatMap((line, index) => (line.includes("@ts-expect-error") ? [index + 1] : []));

test(`the declarations take getActiveMember's query.organizationId as a string, server and client, and the organizationKeys option (better-auth@${version})`, () => {
	expectFixed(typeCheck(), {
		fixed: (r) => expect(r, r.diagnostics).toEqual({ status: 0, diagnostics: "" }),
		upstream: (r) =>
			// getActiveMember's directives go unused; organizationKeys is an unknown property, so its directive is used.
			expect(r.diagnostics.split("\n")).toEqual([
				...directiveLines.slice(0, 2).map((line) => expect.stringContaining(`active-member.ts(${line},1): error TS2578: Unused '@ts-expect-error' directive.`)),
				expect.stringMatching(/active-member\.ts\(\d+,\d+\): error TS2353: .*'organizationKeys'/),
			]),
	});
});

// The workspace's overrides give api-key 1.7.5 better-auth 1.7.25's own peers: one @better-auth/core, so apiKey(...) needs no cast.
test.runIf(runsExampleApp)("the example app, with apiKey(...) in its plugins and no cast, type-checks (better-auth@1.7.25)", () => {
	expect(runTsc("packages/example-app/tsconfig.json")).toEqual({ status: 0, diagnostics: "" });
});

import { defineConfig } from "vitest/config";
import { RELEASES } from "./packages/patch-builder/src/releases.ts";
import { PR_BUILD, releaseDir, TARGET_VERSIONS } from "./scripts/targets.mjs";
import { PATCH_SET_ONLY_FILES } from "./test/support/capabilities.ts";

/**
 * One vitest project per better-auth release, named after it, so every result
 * says which release it belongs to. Each release is an app of the release matrix
 * (scripts/releases.ts), installed as a user's pnpm app installs it: patched, or
 * with `UNPATCHED=1` as published. The anchor releases run every test; every
 * other release runs the per-release proof.
 */
const unpatched = process.env.UNPATCHED === "1";
/**
 * PLUGIN=1: the published packages with the apiKeyOrganizations plugin (packages/plugin)
 * instead of the patch. PLUGIN=patched: the patched ones with the plugin too, which
 * must then do nothing: the tests expect the patch's behaviour.
 */
const plugin = process.env.PLUGIN === "1" || process.env.PLUGIN === "patched";
const variant = process.env.PLUGIN === "patched" ? "patched" : unpatched || plugin ? "unpatched" : "patched";

/** The per-release proof: the reproductions (#2393 and bound keys), a short cross-tenant check, the CLI's probe, statement counts. */
const PROOF = ["test/reproduction/**/*.test.ts", "test/proof/**/*.test.ts", "test/statements/**/*.test.ts"];

/** The test command's own counting, on fixture runs: needs no release, so it runs once. */
const TEST_COMMAND = "summary";

/** The only file the published-only releases run (releases.json's "published-only", 1.3.x): the plugin's #2393 reproduction, and as published its bite. */
const PUBLISHED_ONLY_PROOF = ["test/reproduction/issue-2393.test.ts"];

function releaseProject(version: string) {
	const publishedOnly = RELEASES["published-only"]["better-auth"].includes(version);
	return {
		extends: true as const,
		resolve: { alias: { "#target": `${releaseDir(variant, version)}/${plugin ? "plugin" : "index"}.ts` } },
		test: {
			name: plugin ? `better-auth@${version} ${variant}+plugin` : unpatched ? `better-auth@${version} unpatched` : `better-auth@${version}`,
			env: { UNPATCHED: unpatched ? "1" : "", PLUGIN: process.env.PLUGIN === "1" ? "1" : "" },
			// Every folder but the test command's own (an `exclude` here would replace the command line's --exclude).
			include: TARGET_VERSIONS.includes(version) ? [`test/!(${TEST_COMMAND})/**/*.test.ts`] : publishedOnly ? PUBLISHED_ONLY_PROOF : PROOF,
		},
	};
}

/**
 * The packed build of upstream main + every pull request (scripts/pr-build.ts), as built: the suites of
 * the contract the pull requests implement, the fixed behaviour expected (PR_BUILD=1; what only the
 * patch set has skips by capability, test/support/capabilities.ts).
 */
const prBuildProject = {
	extends: true as const,
	resolve: { alias: { "#target": `${PR_BUILD.dir}/index.ts` } },
	test: {
		name: `better-auth@${PR_BUILD.name}`,
		env: { UNPATCHED: "", PLUGIN: "", PR_BUILD: "1" },
		include: ["test/{reproduction,endpoints,security,statements}/**/*.test.ts", "test/proof/cli-probe.test.ts"],
		// What only the patch set has, file by file; this project takes no --exclude from the command line, which would replace it.
		exclude: Object.keys(PATCH_SET_ONLY_FILES),
	},
};

export default defineConfig({
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// TEST_DB=postgres or mariadb: a throwaway server for the run (test/support/database.ts).
		globalSetup: { postgres: ["test/support/postgres-setup.ts"], mariadb: ["test/support/mariadb-setup.ts"] }[process.env.TEST_DB ?? ""] ?? [],
		projects: [
			...RELEASES["better-auth"].map(releaseProject),
			// No patch covers these: only their projects as published (UNPATCHED=1) and with the plugin (PLUGIN=1).
			...(variant === "unpatched" ? RELEASES["published-only"]["better-auth"].map(releaseProject) : []),
			prBuildProject,
			// The fix's logic on its own, without better-auth: runs once, not per release.
			{ extends: true, test: { name: "org-context", include: ["packages/org-context/test/**/*.test.ts"] } },
			{ extends: true, test: { name: "test-command", include: [`test/${TEST_COMMAND}/*.test.ts`] } },
		],
	},
});

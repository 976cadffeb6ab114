import path from "node:path";
import { defineConfig, type Plugin } from "vitest/config";
import { RELEASES } from "./packages/patch-builder/src/releases.ts";
import { releaseDir } from "./scripts/releases.ts";
import { TARGET_VERSIONS, unpatchedDir } from "./scripts/targets.mjs";

/**
 * One vitest project per better-auth release, named after it, so every result
 * says which release it belongs to. `UNPATCHED=1` runs the same tests against
 * the published packages as they are (installed by scripts/install-unpatched.mjs).
 */
const unpatched = process.env.UNPATCHED === "1";

/** Resolves the target's better-auth imports from the unpatched install instead of the workspace. */
function resolveUnpatched(version: string): Plugin {
	const targetDir = path.resolve(`packages/target-${version}`);
	const from = path.join(unpatchedDir(version), "index.js");
	return {
		name: "resolve-unpatched-better-auth",
		enforce: "pre",
		async resolveId(source, importer, options) {
			if (!importer?.startsWith(targetDir) || !/^(better-auth|@better-auth\/api-key)(\/|$)/.test(source)) return null;
			return this.resolve(source, from, { ...options, skipSelf: true });
		},
	};
}

/**
 * The release matrix (scripts/releases.ts, `RELEASE_MATRIX=1`): every other release,
 * installed as a user's pnpm app installs it, runs the reproductions of #2393 and
 * of the bound-key findings, patched and (`UNPATCHED=1`) as published.
 */
const matrixReleases = process.env.RELEASE_MATRIX === "1" ? RELEASES["better-auth"].filter((v) => !TARGET_VERSIONS.includes(v)) : [];

/** One release's project, named after it: `#target` is what the suite imports from the release. */
function releaseProject(version: string, target: string, include: string[], plugins: Plugin[] = []) {
	return {
		extends: true as const,
		plugins,
		resolve: { alias: { "#target": target } },
		test: {
			name: unpatched ? `better-auth@${version} unpatched` : `better-auth@${version}`,
			env: { UNPATCHED: unpatched ? "1" : "" },
			include,
		},
	};
}

export default defineConfig({
	test: {
		testTimeout: 30_000,
		hookTimeout: 60_000,
		// TEST_DB=postgres: a throwaway PostgreSQL server for the run (test/support/database.ts).
		globalSetup: process.env.TEST_DB === "postgres" ? ["test/support/postgres-setup.ts"] : [],
		projects: [
			...TARGET_VERSIONS.map((version) =>
				releaseProject(
					version,
					path.resolve(`packages/target-${version}/index.ts`),
					["test/**/*.test.ts"],
					unpatched ? [resolveUnpatched(version)] : [],
				),
			),
			...matrixReleases.map((version) =>
				releaseProject(version, path.join(releaseDir(unpatched ? "unpatched" : "patched", version), "index.ts"), [
					"test/reproduction/**/*.test.ts",
				]),
			),
			// The fix's logic on its own, without better-auth: runs once, not per release.
			{ extends: true, test: { name: "org-context", include: ["packages/org-context/test/**/*.test.ts"] } },
		],
	},
});

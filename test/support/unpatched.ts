// The published packages of this project's release, loaded in the same process
// as the patched ones, so that one test can compare both side by side.
import { vi } from "vitest";
import { unpatchedDir } from "../../scripts/targets.mjs";
import { unpatched } from "./expect";
import { version } from "./target";
import { isUnpatchedInstalled, unpatchedTargetIndex } from "./unpatched-target";

/** Why a patched-vs-unpatched comparison cannot run here, or null when it can. */
export const comparisonUnavailable = unpatched
	? "this run is the unpatched one already"
	: isUnpatchedInstalled(version)
		? null
		: `better-auth@${version} unpatched is not installed in ${unpatchedDir(version)}: run tsx scripts/releases.ts`;

/**
 * Runs `load` (dynamic imports of test/support modules) with ./target pointing
 * at the unpatched packages: the modules it imports are fresh instances built on
 * them, while the test file's own imports stay patched.
 */
export async function importUnpatched<T>(load: () => Promise<T>): Promise<T> {
	const index = unpatchedTargetIndex(version);
	vi.doMock("./target", () => import(/* @vite-ignore */ index));
	vi.resetModules();
	try {
		return await load();
	} finally {
		vi.doUnmock("./target");
		vi.resetModules();
	}
}

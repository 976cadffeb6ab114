import { expect } from "vitest";
import { getCurrentTest } from "vitest/suite";
import { compareVersions } from "../../packages/patch-builder/src/releases";
import { version } from "./target";

/** True when this project runs against the published packages as they are. */
export const unpatched = process.env.UNPATCHED === "1";

/** The release line: upstream behaviour differs between 1.4.x and 1.5+. */
export const isRelease14 = version.startsWith("1.4.");

/** True from release `first` on: for behaviour upstream added in a patch release. */
export const since = (first: string) => compareVersions(version, first) >= 0;

/** Up to 1.6.2, upstream's hasPermission body schema rejects every body on zod 4.4 and later (400 VALIDATION_ERROR). */
export const rejectsEveryPermissionBody = !since("1.6.3");

/**
 * Asserts the fixed behaviour. Against the unpatched packages, asserts instead
 * the failure upstream shows (where `upstream` is given: the bug exists on this
 * release) and that the fixed assertion fails there, so the suite is shown to bite.
 * Each such check is a bite, counted on the test (scripts/per-release-reporter.ts);
 * without `upstream` the fixed assertion runs against upstream too and proves no difference.
 */
export function expectFixed<T>(actual: T, expectations: { fixed: (actual: T) => void; upstream?: (actual: T) => void }) {
	if (!unpatched || !expectations.upstream) {
		expectations.fixed(actual);
		return;
	}
	expectations.upstream(actual);
	expect(() => expectations.fixed(actual), "the fixed behaviour must not hold upstream").toThrow();
	const test = getCurrentTest();
	if (test) test.meta.bites = (test.meta.bites ?? 0) + 1;
}

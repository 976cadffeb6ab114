// A vitest reporter that counts passed, failed and skipped tests per project (one
// project per release), prints a line per release and every failure by name, and
// writes the counts to the file in PER_RELEASE_REPORT: vitest's own JSON report
// does not say which project a result belongs to, nor carries unhandled errors.
// On a run as published it also counts the bites: the checks that showed upstream's
// failure and that the fixed assertion fails there (test/support/expect.ts).
import fs from "node:fs";
import type { Reporter, SerializedError, TestModule } from "vitest/node";

export interface ReleaseCounts {
	passed: number;
	failed: number;
	skipped: number;
	files: number;
	/** Checks that showed a difference between the patched and the published packages. */
	bites: number;
	/** Passed tests with at least one such check; the rest assert the same in both. */
	bitingTests: number;
}

export interface PerReleaseReport {
	/** Errors that belong to no test: each one fails the run. */
	unhandledErrors: number;
	releases: Record<string, ReleaseCounts>;
}

export const emptyCounts = (): ReleaseCounts => ({ passed: 0, failed: 0, skipped: 0, files: 0, bites: 0, bitingTests: 0 });

export default class PerReleaseReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>) {
		const releases: Record<string, ReleaseCounts> = {};
		const failures: string[] = [];
		for (const module of modules) {
			const project = module.project.name;
			const row = (releases[project] ??= emptyCounts());
			row.files++;
			const tests = [...module.children.allTests()];
			for (const test of tests) {
				const state = test.result().state;
				if (state === "passed") {
					row.passed++;
					const bites = test.meta().bites ?? 0;
					row.bites += bites;
					if (bites) row.bitingTests++;
				} else if (state === "failed") {
					row.failed++;
					failures.push(`${project} ${test.fullName}: ${test.result().errors?.[0]?.message ?? ""}`);
				} else row.skipped++;
			}
			// A file that fails to load, a throwing beforeAll (its tests show as skipped), a failing afterAll:
			// the file fails with no failed test, and counts as one failure.
			if (module.state() === "failed" && !tests.some((test) => test.result().state === "failed")) {
				row.failed++;
				const errors = [module, ...module.children.allSuites()].flatMap((task) => task.errors());
				failures.push(`${project} ${module.moduleId}: ${errors.map((e) => e.message).join("; ") || "failed outside its tests"}`);
			}
		}
		for (const [project, row] of Object.entries(releases)) {
			const bites = row.bites ? ` (bites: ${row.bites} checks in ${row.bitingTests} of the passed tests)` : "";
			console.log(`  ${project.padEnd(34)} ${row.passed} passed, ${row.failed} failed, ${row.skipped} skipped${bites}`);
		}
		const rows = Object.values(releases);
		const sum = (key: keyof ReleaseCounts) => rows.reduce((n, row) => n + row[key], 0);
		if (sum("bites")) console.log(`  bites: ${sum("bites")} checks in ${sum("bitingTests")} of ${sum("passed")} passed tests; the others assert the same on both`);
		for (const error of unhandledErrors) failures.push(`unhandled error: ${error.message}`);
		for (const failure of failures) console.log(`  FAILED ${failure.split("\n")[0].slice(0, 300)}`);
		const report: PerReleaseReport = { unhandledErrors: unhandledErrors.length, releases };
		if (process.env.PER_RELEASE_REPORT) fs.writeFileSync(process.env.PER_RELEASE_REPORT, `${JSON.stringify(report, null, "\t")}\n`);
	}
}

declare module "vitest" {
	interface TaskMeta {
		/** How many checks of this test showed upstream's failure (test/support/expect.ts). */
		bites?: number;
	}
}

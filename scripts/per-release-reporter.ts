// A vitest reporter that counts passed and failed tests per project (one project
// per release), prints a line per release and every failed test by name, and
// writes the counts to the file in PER_RELEASE_REPORT: vitest's own JSON report
// does not say which project a result belongs to.
import fs from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export interface ReleaseCounts {
	passed: number;
	failed: number;
	skipped: number;
	files: number;
}

export default class PerReleaseReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>) {
		const counts: Record<string, ReleaseCounts> = {};
		const failures: string[] = [];
		for (const module of modules) {
			const project = module.project.name;
			const row = (counts[project] ??= { passed: 0, failed: 0, skipped: 0, files: 0 });
			row.files++;
			const tests = [...module.children.allTests()];
			// A file that fails to load has no failed test, but is a failure.
			if (module.state() === "failed" && tests.length === 0) {
				row.failed++;
				failures.push(`${project} ${module.moduleId}: ${module.errors().map((e) => e.message).join("; ")}`);
			}
			for (const test of tests) {
				const state = test.result().state;
				if (state === "passed") row.passed++;
				else if (state === "failed") {
					row.failed++;
					failures.push(`${project} ${test.fullName}: ${test.result().errors?.[0]?.message ?? ""}`);
				} else row.skipped++;
			}
		}
		for (const [project, row] of Object.entries(counts)) console.log(`  ${project.padEnd(34)} ${row.passed} passed, ${row.failed} failed`);
		for (const failure of failures) console.log(`  FAILED ${failure.split("\n")[0].slice(0, 300)}`);
		if (process.env.PER_RELEASE_REPORT) fs.writeFileSync(process.env.PER_RELEASE_REPORT, `${JSON.stringify(counts, null, "\t")}\n`);
	}
}

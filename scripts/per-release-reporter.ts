// A vitest reporter that writes passed and failed counts per project (one
// project per release) to the file in PER_RELEASE_REPORT: vitest's own JSON
// report does not say which project a result belongs to.
import fs from "node:fs";
import type { Reporter, TestModule } from "vitest/node";

export default class PerReleaseReporter implements Reporter {
	onTestRunEnd(modules: ReadonlyArray<TestModule>) {
		const counts: Record<string, { passed: number; failed: number; files: number }> = {};
		for (const module of modules) {
			const row = (counts[module.project.name] ??= { passed: 0, failed: 0, files: 0 });
			row.files++;
			const tests = [...module.children.allTests()];
			// A file that fails to load has no failed test, but is a failure.
			if (module.state() === "failed" && tests.length === 0) row.failed++;
			for (const test of tests) {
				const state = test.result().state;
				if (state === "passed") row.passed++;
				else if (state === "failed") row.failed++;
			}
		}
		fs.writeFileSync(process.env.PER_RELEASE_REPORT as string, `${JSON.stringify(counts, null, "\t")}\n`);
	}
}

// What one vitest run counts as passed, failed and skipped, read from its JSON
// report (--reporter=json) and its exit status, and the summary line of a test
// command. vitest's own figures miss failures that belong to no test: a file that
// loads nothing, a throwing beforeAll (its tests are reported *skipped*), a failing
// afterAll (only the suite fails), an unhandled error (the report does not carry it).

/**
 * `report`: vitest's JSON report, or null when the run wrote none; `status`: its exit
 * status; `unhandledErrors`: how many errors belonged to no test (scripts/per-release-reporter.ts).
 * Every file that failed without a failed test counts as one failure, and a run
 * that exited non-zero never shows "0 failed".
 */
export function countsOf(report, { status, unhandledErrors = 0 }) {
	if (!report) return { passed: 0, failed: 1, skipped: 0 };
	const filesFailedBesideTheirTests = report.testResults.filter(
		(file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"),
	).length;
	const failed = report.numFailedTests + filesFailedBesideTheirTests + unhandledErrors;
	return {
		passed: report.numPassedTests,
		failed: failed === 0 && status !== 0 ? 1 : failed,
		skipped: report.numPendingTests + report.numTodoTests,
	};
}

/** The test command's last line, summed over its runs. */
export function summaryLine(rows) {
	const sum = (key) => rows.reduce((n, row) => n + row[key], 0);
	return `${sum("passed")} passed, ${sum("failed")} failed, ${sum("skipped")} skipped`;
}

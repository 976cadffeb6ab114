// The test command: the unit tests of packages/org-context (once, no release),
// the suite on every targeted release (SQLite; with --postgres also PostgreSQL),
// then the reproductions against the unpatched packages. One vitest run per
// release, so counts are reported per database and release; ends with one line
// `N passed, N failed` summed over every run's JSON report.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { TARGET_VERSIONS } from "./targets.mjs";

const REPORTS = path.resolve(".cache/reports");
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });

const runs = [{ name: "sqlite", env: {}, files: [] }];
if (process.argv.includes("--postgres")) runs.push({ name: "postgres", env: { TEST_DB: "postgres" }, files: [] });
runs.push({ name: "unpatched", env: { UNPATCHED: "1" }, files: ["test/reproduction"] });

let exitCode = 0;
const rows = [];

/** One vitest run of one project; its counts become a row of the table. */
function runVitest({ label, project, files = [], env = {}, report }) {
	console.log(`\n=== ${label} ===`);
	const reportFile = path.join(REPORTS, `${report}.json`);
	const result = spawnSync(
		"node_modules/.bin/vitest",
		["run", ...files, "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`],
		{ stdio: "inherit", env: { ...process.env, ...env } },
	);
	if (result.status !== 0) exitCode = 1;
	rows.push({ label, ...countsOf(reportFile) });
}

/** A file that fails to load has no failed test, but is a failure: count it as one. */
function countsOf(reportFile) {
	if (!fs.existsSync(reportFile)) return { passed: 0, failed: 1 };
	const report = JSON.parse(fs.readFileSync(reportFile, "utf8"));
	const unloaded = report.testResults.filter((file) => file.status === "failed" && file.assertionResults.length === 0);
	return { passed: report.numPassedTests, failed: report.numFailedTests + unloaded.length };
}

// First: the patched runs compare against the unpatched packages too (test/statements).
spawnSync(process.execPath, ["scripts/install-unpatched.mjs"], { stdio: "inherit" });
runVitest({ label: "unit org-context", project: "org-context", report: "org-context" });
for (const run of runs) {
	for (const version of TARGET_VERSIONS) {
		runVitest({
			label: `${run.name} better-auth@${version}`,
			project: run.name === "unpatched" ? `better-auth@${version} unpatched` : `better-auth@${version}`,
			files: run.files,
			env: run.env,
			report: `${run.name}-${version}`,
		});
	}
}

console.log("\nper run (unit tests, then per database and release):");
for (const r of rows) console.log(`  ${r.label.padEnd(32)} ${r.passed} passed, ${r.failed} failed`);
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));

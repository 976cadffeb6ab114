// The test command: the suite on every targeted release (SQLite; with --postgres
// also PostgreSQL), then the reproductions against the unpatched packages. One
// vitest run per release, so counts are reported per database and release; ends
// with one line `N passed, N failed` summed over every run's JSON report.
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
for (const run of runs) {
	if (run.name === "unpatched") spawnSync(process.execPath, ["scripts/install-unpatched.mjs"], { stdio: "inherit" });
	for (const version of TARGET_VERSIONS) {
		const label = `${run.name} better-auth@${version}`;
		console.log(`\n=== ${label} ===`);
		const report = path.join(REPORTS, `${run.name}-${version}.json`);
		const project = run.name === "unpatched" ? `better-auth@${version} unpatched` : `better-auth@${version}`;
		const result = spawnSync(
			"node_modules/.bin/vitest",
			["run", ...run.files, "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
			{ stdio: "inherit", env: { ...process.env, ...run.env } },
		);
		if (result.status !== 0) exitCode = 1;
		const counts = fs.existsSync(report)
			? JSON.parse(fs.readFileSync(report, "utf8"))
			: { numPassedTests: 0, numFailedTests: 1 };
		rows.push({ label, passed: counts.numPassedTests, failed: counts.numFailedTests });
	}
}

console.log("\nper database and release:");
for (const r of rows) console.log(`  ${r.label.padEnd(32)} ${r.passed} passed, ${r.failed} failed`);
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode || (failed ? 1 : 0));

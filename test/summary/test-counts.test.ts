// The test command's counts (scripts/test-counts.mjs, scripts/per-release-reporter.ts)
// on real vitest runs of files that fail or skip in every way a run can: a failure
// outside any test must show as failed in the last line, a skip as skipped.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";
import type { PerReleaseReport } from "../../scripts/per-release-reporter";
import { countsOf, summaryLine } from "../../scripts/test-counts.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const FIXTURES = path.join(import.meta.dirname, "fixtures");

interface Run {
	status: number;
	report: unknown;
	releases: PerReleaseReport;
}

/** vitest on one fixture file, with the reporters the test command uses. */
async function runFixture(fixture: string): Promise<Run> {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), "test-counts-"));
	const args = ["run", "--config", path.join(FIXTURES, "vitest.config.ts"), "--reporter=./scripts/per-release-reporter.ts", "--reporter=json"];
	const env = { ...process.env, FIXTURE: fixture, PER_RELEASE_REPORT: path.join(out, "releases.json") };
	const status = await promisify(execFile)("node_modules/.bin/vitest", [...args, `--outputFile.json=${path.join(out, "report.json")}`], { cwd: ROOT, env })
		.then(() => 0)
		.catch((error: { code: number }) => error.code);
	const read = (file: string) => JSON.parse(fs.readFileSync(path.join(out, file), "utf8"));
	const run = { status, report: read("report.json"), releases: read("releases.json") };
	fs.rmSync(out, { recursive: true });
	return run;
}

const FIXTURE_FILES = ["passing-and-skipped", "throwing-before-all", "failing-after-all", "unloadable", "unhandled-error", "failing-test", "biting"];
const runs = new Map<string, Run>();
beforeAll(async () => {
	await Promise.all(FIXTURE_FILES.map(async (name) => runs.set(name, await runFixture(`${name}.fixture.ts`))));
}, 90_000);

const countsOfRun = (name: string) => {
	const run = runs.get(name)!;
	return countsOf(run.report, { status: run.status, unhandledErrors: run.releases.unhandledErrors });
};
const projectCounts = (name: string) => Object.values(runs.get(name)!.releases.releases)[0];

describe("the last line", () => {
	test.each([
		["passing-and-skipped", 0, { passed: 1, failed: 0, skipped: 2 }],
		["throwing-before-all", 1, { passed: 1, failed: 1, skipped: 2 }],
		["failing-after-all", 1, { passed: 1, failed: 1, skipped: 0 }],
		["unloadable", 1, { passed: 0, failed: 1, skipped: 0 }],
		["unhandled-error", 1, { passed: 1, failed: 1, skipped: 0 }],
		["failing-test", 1, { passed: 1, failed: 1, skipped: 0 }],
	])("%s: exit status %i, counted as %o", (name, status, counts) => {
		expect(runs.get(name)!.status).toBe(status);
		expect(countsOfRun(name)).toEqual(counts);
	});

	test("a run that exited non-zero never reads 0 failed, even when its report shows nothing failed", () => {
		const { report } = runs.get("passing-and-skipped")!;
		expect(countsOf(report, { status: 1 })).toMatchObject({ failed: 1 });
		expect(countsOf(null, { status: 1 })).toEqual({ passed: 0, failed: 1, skipped: 0 });
	});

	test("sums every run", () => {
		expect(summaryLine(FIXTURE_FILES.map(countsOfRun))).toBe("7 passed, 5 failed, 4 skipped");
	});
});

describe("the per-release counts, which docs/releases.md shows", () => {
	test.each([
		["passing-and-skipped", { passed: 1, failed: 0, skipped: 2 }],
		["throwing-before-all", { passed: 1, failed: 1, skipped: 2 }],
		["failing-after-all", { passed: 1, failed: 1, skipped: 0 }],
		["unloadable", { passed: 0, failed: 1, skipped: 0 }],
		["failing-test", { passed: 1, failed: 1, skipped: 0 }],
	])("%s: %o", (name, counts) => {
		expect(projectCounts(name)).toMatchObject(counts);
	});

	test("an unhandled error is counted for the run", () => {
		expect(runs.get("unhandled-error")!.releases.unhandledErrors).toBe(1);
	});

	test("bites are summed over the passed tests that show a difference", () => {
		expect(projectCounts("biting")).toMatchObject({ passed: 2, bites: 2, bitingTests: 1 });
	});
});

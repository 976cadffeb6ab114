// The report's calls (report-scenario.mjs, in-process on the memory adapter)
// run twice with the same code: on better-auth as published, in the app that
// `node scripts/setup.mjs --demo` installs, and on this app's patched packages.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const SCENARIO = path.join(import.meta.dirname, "report-scenario.mjs");
const PUBLISHED = path.resolve(import.meta.dirname, "../../../.cache/demo-upstream");

export interface Step {
	status: number;
	body: any;
}

export interface ReportRun {
	memberId: string;
	organizationId: string;
	[call: string]: Step | string;
}

/** Runs the scenario where `better-auth` resolves to the packages of `dir`. */
function runIn(dir: string): ReportRun {
	const script = path.join(dir, "report-scenario.mjs");
	if (script !== SCENARIO) fs.copyFileSync(SCENARIO, script);
	return JSON.parse(execFileSync(process.execPath, [script], { cwd: dir, encoding: "utf8" }));
}

const versionIn = (dir: string, name: string) => JSON.parse(fs.readFileSync(path.join(dir, "node_modules", name, "package.json"), "utf8")).version;

export function runReportCalls(): { releases: string; published: ReportRun; patched: ReportRun } {
	if (!fs.existsSync(path.join(PUBLISHED, "node_modules"))) {
		throw new Error(`${PUBLISHED} is not installed: run the demo from the repository root with \`npm run demo\``);
	}
	const releases = ["better-auth", "@better-auth/api-key"].map((name) => `${name} ${versionIn(PUBLISHED, name)}`).join(" with ");
	return { releases, published: runIn(PUBLISHED), patched: runIn(import.meta.dirname) };
}

// The test command. By default the quick tier, a first answer in minutes: the unit
// tests, the reproduction, endpoint and security suites on the oldest and the newest
// anchor (SQLite; with --postgres also PostgreSQL, with --mariadb the security suite
// on MariaDB), and the bite check on those two; it installs only those two releases.
// With --all, every tier: the unit tests of packages/org-context (once, no
// release); the full suite on each anchor release (SQLite; with --postgres also
// PostgreSQL); with --mariadb the security and concurrency suites on each anchor
// on MariaDB; the per-release proof on every other release; the bite check:
// the reproductions and the CLI's probe against every release as published (the
// #2393 reproduction alone on the releases no patch covers, 1.3.x); and
// when `npm run upstream` has packed it, the pull requests' build (better-auth@1.7.1+prs).
// Every release is an app of the release matrix (scripts/releases.ts). Writes
// docs/releases.md (scripts/release-table.ts) and ends with one line
// `N passed, N failed, N skipped` summed over every run (scripts/test-counts.mjs;
// the quick tier writes no table).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ADOPTION_VERSION, PR_BUILD, TARGET_VERSIONS } from "./targets.mjs";
import { countsOf, summaryLine } from "./test-counts.mjs";

const REPORTS = path.resolve(".cache/reports");
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
const all = process.argv.includes("--all");
const ANCHORS = all ? TARGET_VERSIONS : [TARGET_VERSIONS[0], TARGET_VERSIONS.at(-1)];
const RELEASES_JSON = JSON.parse(fs.readFileSync("packages/patch-builder/releases.json", "utf8"));
const RELEASES = all ? RELEASES_JSON["better-auth"] : ANCHORS;
/** Releases no patch covers (1.3.x): with --all, in the bite check and the plugin's reproduction run, the #2393 reproduction alone (vitest.config.ts). */
const PUBLISHED_ONLY = all ? RELEASES_JSON["published-only"]["better-auth"] : [];
/** The quick tier's suites on an anchor: the fix's proof, every endpoint, the attacks; --all runs every folder. */
const QUICK_SUITES = ["test/reproduction", "test/endpoints", "test/security"];
const others = RELEASES.filter((v) => !TARGET_VERSIONS.includes(v));
const postgres = process.argv.includes("--postgres");
const mariadb = process.argv.includes("--mariadb");

let exitCode = 0;
const rows = [];
// vitest's default on 2 cores is one worker, and the tests wait on SQLite and child processes as much as
// on the CPU. The anchors' timing-bound tests (fuzz, concurrency) get one worker per core; the matrix one more.
const CORES = os.availableParallelism();
const ANCHOR_WORKERS = Math.max(2, CORES - 1);
const MATRIX_WORKERS = CORES + 1;

/**
 * One vitest run; its counts become a row of the table, its per-release counts go to the release table.
 * Runs without isolation: a worker imports a release's better-auth once, not once per test file, which
 * more than halves every tier. Every test builds its own auth instance and database, so files share
 * modules, not state.
 */
function vitestArgs({ projects, files = [], report, figures = true, workers, exclude = [] }) {
	// dot: a passing release fits on one screen (its figures, the tests print them), a failure is shown in full.
	const reporters = [...(figures ? ["--reporter=dot"] : []), "--reporter=./scripts/per-release-reporter.ts", "--reporter=json"];
	return [
		"run",
		...files,
		...projects.flatMap((p) => ["--project", p]),
		...exclude.flatMap((glob) => ["--exclude", glob]),
		`--maxWorkers=${workers}`,
		"--no-isolate",
		...reporters,
		`--outputFile.json=${path.join(REPORTS, `${report}.json`)}`,
	];
}

const vitestEnv = ({ env = {}, report }) => ({ ...process.env, ...env, PER_RELEASE_REPORT: path.join(REPORTS, `${report}.releases.json`) });

function record(run, status, started) {
	if (status !== 0) exitCode = 1;
	rows.push({ label: run.label, seconds: Math.round((performance.now() - started) / 1000), ...countsOfRun(run, status) });
}

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null);

function countsOfRun(run, status) {
	const releases = readJson(path.join(REPORTS, `${run.report}.releases.json`));
	return countsOf(readJson(path.join(REPORTS, `${run.report}.json`)), { status, unhandledErrors: releases?.unhandledErrors ?? 0 });
}

function runVitest(run) {
	const started = performance.now();
	console.log(`\n=== ${run.label} ===`);
	const result = spawnSync("node_modules/.bin/vitest", vitestArgs(run), { stdio: "inherit", env: vitestEnv(run) });
	record(run, result.status, started);
}

/** A run that waits on the network and child processes more than on the CPU, beside the others; its output is shown when it ends. */
function startVitest(run) {
	const started = performance.now();
	const log = path.join(REPORTS, `${run.report}.log`);
	const output = fs.openSync(log, "w");
	const child = spawn("node_modules/.bin/vitest", vitestArgs(run), { stdio: ["ignore", output, output], env: vitestEnv(run) });
	return new Promise((resolve) =>
		child.on("close", (status) => {
			console.log(`\n=== ${run.label} (ran beside the runs above) ===\n${fs.readFileSync(log, "utf8")}`);
			record(run, status, started);
			resolve();
		}),
	);
}

/** Installs (or brings up to date) both variants of every release the tier runs. */
const matrix = spawnSync("node_modules/.bin/tsx", ["scripts/releases.ts", ...(all ? [] : RELEASES)], { stdio: "inherit" });
if (matrix.status !== 0) process.exit(1);

runVitest({ label: "unit: org-context and the test command's counting", projects: ["org-context", "test-command"], report: "org-context", workers: ANCHOR_WORKERS });
// On the servers, the oldest and the newest anchor run what SQLite runs; the anchors between them run the
// database's own code paths, the guarded writes (an invitation's claim, a key's use), which differ by release.
const ENDS = [ANCHORS[0], ANCHORS.at(-1)];
const GUARDED_WRITES = ["test/security/concurrency.test.ts", "test/security/key-usage.test.ts"];
for (const db of postgres ? ["sqlite", "postgres"] : ["sqlite"]) {
	for (const version of ANCHORS) {
		const whole = db === "sqlite" || ENDS.includes(version);
		runVitest({
			label: !all
				? `reproduction, endpoints, security, ${db}, better-auth@${version}`
				: whole
					? `full suite, ${db}, better-auth@${version}${db === "sqlite" && version === ADOPTION_VERSION ? " (test/adoption apart)" : ""}`
					: `guarded writes, ${db}, better-auth@${version}`,
			projects: [`better-auth@${version}`],
			files: !all ? QUICK_SUITES : whole ? [] : GUARDED_WRITES,
			env: db === "postgres" ? { TEST_DB: "postgres" } : {},
			report: `${db}-${version}`,
			workers: ANCHOR_WORKERS,
			exclude: db === "sqlite" && version === ADOPTION_VERSION ? ["test/adoption/**"] : [],
		});
	}
}
// MySQL has no UPDATE … RETURNING: the guarded writes (invitations, a key's use) take another path there.
for (const version of mariadb ? ANCHORS : []) {
	runVitest({
		label: ENDS.includes(version) ? `security and concurrency, mariadb, better-auth@${version}` : `guarded writes, mariadb, better-auth@${version}`,
		projects: [`better-auth@${version}`],
		files: ENDS.includes(version) ? ["test/security"] : GUARDED_WRITES,
		env: { TEST_DB: "mariadb" },
		report: `mariadb-${version}`,
		workers: ANCHOR_WORKERS,
	});
}
// The adoption tests install real npm, yarn and pnpm apps: they wait on installs, so they run beside the matrix tiers.
const adoption = all && startVitest({
	label: `adoption: the CLI in real npm, yarn and pnpm apps, better-auth@${ADOPTION_VERSION}`,
	projects: [`better-auth@${ADOPTION_VERSION}`],
	files: ["test/adoption"],
	report: "adoption",
	workers: 1,
});
if (all) runVitest({
	label: `per-release proof, sqlite, ${others.length} releases`,
	projects: others.map((v) => `better-auth@${v}`),
	report: "proof",
	figures: false,
	workers: MATRIX_WORKERS,
});
runVitest({
	label: `bite check: the reproductions and the probe on ${RELEASES.length} releases as published${PUBLISHED_ONLY.length ? `, the #2393 reproduction on ${PUBLISHED_ONLY.length} more` : ""}`,
	projects: [...PUBLISHED_ONLY, ...RELEASES].map((v) => `better-auth@${v} unpatched`),
	files: ["test/reproduction", "test/proof/cli-probe.test.ts"],
	env: { UNPATCHED: "1" },
	report: "unpatched",
	figures: false,
	workers: MATRIX_WORKERS,
});

// The pull requests on upstream's source (pull-requests/), as the packed build `npm run upstream` leaves in
// .cache/upstream/pack: the suites of the contract they implement, as one more release (with --all, when the
// pack is there; CI packs it first). What only the patch set has skips by name (test/support/capabilities.ts).
const packed = all && fs.existsSync(PR_BUILD.pack);
if (all && !packed) console.log(`\nbetter-auth@${PR_BUILD.name} not run: no packed build in ${path.relative(".", PR_BUILD.pack)} (npm run upstream makes it)`);
const prBuildInstalled = packed && spawnSync("node_modules/.bin/tsx", ["scripts/pr-build.ts"], { stdio: "inherit" }).status === 0;
if (packed && !prBuildInstalled) exitCode = 1;
if (prBuildInstalled) runVitest({
	label: `the pull requests' packed build: reproduction, endpoints, security, statements, probe, better-auth@${PR_BUILD.name}`,
	projects: [`better-auth@${PR_BUILD.name}`],
	report: "prs",
	workers: ANCHOR_WORKERS,
});

// The apiKeyOrganizations plugin (packages/plugin) on anchors as published, instead of the patch (PLUGIN=1):
// the suites that apply to a plugin (with --all); the tests it cannot pass skip for it with the reason in their name.
// Key permissions cap a role inside the organization plugin's own hasPermission, which only the patch reaches (packages/plugin/README.md).
const PLUGIN_ANCHORS = ["1.4.22", "1.6.34", "1.7.25"];
if (all) runVitest({
	label: `plugin instead of the patch: reproduction, bound keys, endpoints, security on ${PLUGIN_ANCHORS.join(", ")}`,
	projects: PLUGIN_ANCHORS.map((v) => `better-auth@${v} unpatched+plugin`),
	files: [
		"test/reproduction/issue-2393.test.ts",
		"test/reproduction/organization-bound-keys.test.ts",
		"test/reproduction/organization-owned-keys.test.ts",
		"test/endpoints",
		"test/security/channels.test.ts",
		"test/security/channel-fuzz.test.ts",
		"test/security/cross-tenant.test.ts",
		"test/security/key-lineage.test.ts",
		"test/security/key-lifecycle.test.ts",
	],
	exclude: ["test/endpoints/key-permissions.test.ts"],
	env: { PLUGIN: "1" },
	report: "plugin",
	workers: ANCHOR_WORKERS,
});
// With the patch applied too, the plugin steps aside (the patched api-key plugin marks its session, declares the
// binding's column): the patch's reproductions and bound keys pass as the patch answers them.
if (all) runVitest({
	label: `plugin and the patch together: the patch's reproductions on ${ENDS.join(", ")}`,
	projects: ENDS.map((v) => `better-auth@${v} patched+plugin`),
	files: ["test/reproduction"],
	env: { PLUGIN: "patched" },
	report: "plugin-patched",
	workers: ANCHOR_WORKERS,
});
const pluginReproduction = [...PUBLISHED_ONLY, ...RELEASES].filter((v) => !PLUGIN_ANCHORS.includes(v));
if (all) runVitest({
	label: `plugin instead of the patch: the #2393 reproduction on the ${pluginReproduction.length} other releases as published`,
	projects: pluginReproduction.map((v) => `better-auth@${v} unpatched+plugin`),
	files: ["test/reproduction/issue-2393.test.ts"],
	env: { PLUGIN: "1" },
	report: "plugin-reproduction",
	figures: false,
	workers: MATRIX_WORKERS,
});

await adoption;

if (all) spawnSync("node_modules/.bin/tsx", ["scripts/release-table.ts", REPORTS], { stdio: "inherit" });
console.log("\nper run:");
for (const r of rows) console.log(`  ${r.label.padEnd(72)} ${String(r.seconds).padStart(5)} s  ${summaryLine([r])}`);
console.log(summaryLine(rows));
process.exit(exitCode || (rows.some((r) => r.failed) ? 1 : 0));

// `npm run upstream`: proves the pull requests in pull-requests/ on upstream
// better-auth's own source and suites (docs/upstream-pr.md). From the tarball
// in ../shared/upstream it builds a verification checkout in .cache/upstream/
// with upstream's pinned toolchain, then checks each pull request alone and
// all of them in order, prints one table (pull request × check) and packs
// main + every pull request into .cache/upstream/pack/. Exits 1 on any failure.
import fs from "node:fs";
import path from "node:path";
import { startPostgres } from "./postgres.mjs";
import { applySeries, applyWorkaround, checkoutBase, prepareCheckout, resetToBase } from "./upstream/checkout.mjs";
import { checkTarget } from "./upstream/checks.mjs";
import { rerunIsolated } from "./upstream/isolate.mjs";
import { build, PACK, packAll } from "./upstream/pack.mjs";
import { ROOT, seconds } from "./upstream/run.mjs";
import { toolchainEnv } from "./upstream/toolchain.mjs";

const PULL_REQUESTS = path.join(ROOT, "pull-requests");
const COLUMNS = [
	["applies", "applies on main"],
	["failsOnMain", "its tests on main"],
	["passesWithPr", "its tests with it"],
	["organization", "organization suite"],
	["apiKey", "api-key suite"],
	["biome", "biome"],
	["types", "types"],
];

/** Each pull request folder with its `git format-patch` series, in folder order. */
function pullRequests() {
	return fs
		.readdirSync(PULL_REQUESTS, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort()
		.map((slug) => {
			const dir = path.join(PULL_REQUESTS, slug);
			const patches = fs.readdirSync(dir).filter((file) => /^\d{4}-.*\.patch$/.test(file)).sort();
			return { slug, patches: patches.map((file) => path.join(dir, file)) };
		})
		.filter((pr) => pr.patches.length);
}

function printTable(rows) {
	const header = ["pull request", ...COLUMNS.map(([, title]) => title)];
	const lines = rows.map(({ name, row }) => [
		name,
		...COLUMNS.map(([key]) => (row[key] ? `${row[key].ok ? "ok" : "FAIL"}: ${row[key].text}` : "not run")),
	]);
	const widths = header.map((_, i) => Math.max(...[header, ...lines].map((line) => line[i].length)));
	const format = (line) => `| ${line.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
	console.log([format(header), format(widths.map((w) => "-".repeat(w))), ...lines.map(format)].join("\n"));
}

// The isolated re-run (upstream/isolate.mjs) inherits the start, so the total counts the install too.
process.env.UPSTREAM_STARTED_AT ??= String(Date.now());
const started = Number(process.env.UPSTREAM_STARTED_AT);
const env = {
	...toolchainEnv(),
	GIT_AUTHOR_NAME: "upstream harness",
	GIT_AUTHOR_EMAIL: "harness@localhost",
	GIT_COMMITTER_NAME: "upstream harness",
	GIT_COMMITTER_EMAIL: "harness@localhost",
};
const installed = prepareCheckout(env);
console.error(`upstream checkout ${installed ? "installed" : "cached"} (${seconds(started)} s)`);
// Some suites resolve packages the pull requests do not touch through dist: build main once (turbo caches it).
checkoutBase();
build(env, "build-main");
console.error(`main built (${seconds(started)} s)`);
rerunIsolated();

// Upstream's suites expect this server, user and database (its docker-compose.yml).
const postgres = await startPostgres({ port: 5432 });
postgres.psql(`CREATE ROLE "user" LOGIN SUPERUSER PASSWORD 'password'`);
let databaseCreated = false;
const resetDatabase = () => {
	if (databaseCreated) postgres.psql("DROP DATABASE better_auth WITH (FORCE)");
	postgres.psql(`CREATE DATABASE better_auth OWNER "user"`);
	databaseCreated = true;
};

// `--suites-once`: upstream's suites and the type check run on all pull requests in order only,
// each pull request alone still applies, fails on main and passes its own tests (saves CI time).
const suitesOnce = process.argv.includes("--suites-once");
// `--only <folder prefix>` (e.g. `--only 09`): those pull requests alone, with their suites, and no
// "all, in order" target nor pack, while writing one. A full run is still the proof.
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt === -1 ? null : process.argv[onlyAt + 1];
if (onlyAt !== -1 && !only) throw new Error("--only needs a folder prefix, e.g. --only 10");
const prs = pullRequests().filter((pr) => !only || pr.slug.startsWith(only));
if (!prs.length) throw new Error(`no pull request folder starts with ${only}`);
const all =
	prs.length > 1 && !only
		? [{ name: "all, in order", slug: "all", patches: prs.flatMap((pr) => pr.patches), suites: true }]
		: [];
const targets = [
	...prs.map((pr) => ({ name: pr.slug, slug: pr.slug, patches: pr.patches, suites: !(suitesOnce && all.length) })),
	...all,
];
const rows = [];
try {
	for (const target of targets) {
		const targetStarted = Date.now();
		rows.push({ name: target.name, row: checkTarget(target, env, resetDatabase) });
		console.error(`${target.name}: ${seconds(targetStarted)} s`);
	}
} finally {
	postgres.stop();
}
printTable(rows);
const failed = rows.some(({ row }) => Object.values(row).some((cell) => cell && !cell.ok));

// The packed build of main + every pull request, for the project's own suite (not of a selection).
resetToBase();
const everything = only ? null : targets.at(-1);
if (everything && applySeries(everything.patches, env, "pack-am")) {
	applyWorkaround();
	build(env, "build-all");
	const tarballs = packAll(env);
	console.log(`packed main + ${prs.length} pull requests: ${tarballs.join(", ")} in ${path.relative(ROOT, PACK)}`);
}
console.log(`${failed ? "FAILED" : "passed"} in ${seconds(started)} s`);
const cells = rows.flatMap(({ row }) => Object.values(row).filter(Boolean));
console.log(`upstream: ${cells.filter((cell) => cell.ok).length} passed, ${cells.filter((cell) => !cell.ok).length} failed`);
process.exit(failed ? 1 : 0);

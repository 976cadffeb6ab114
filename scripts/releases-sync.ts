// Follows upstream: `pnpm releases:sync`. Asks the registry for the stable
// better-auth and @better-auth/api-key releases packages/patch-builder/releases.json
// does not list (from its oldest on), adds them (an api-key release with its
// better-auth peer range), builds the patches, installs the release matrix, runs
// the per-release proof and the bite check on every better-auth release that is
// new or pairs with another api-key release now, and regenerates docs/releases.md
// (the other rows as the last run left them). An edit that stops matching fails
// the build naming the release, the file and the edit; releases.json is then put
// back as it was. Adding the next release is this command and a commit.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { apiKeyPairOf, compareVersions, RELEASES, type Releases } from "../packages/patch-builder/src/releases.ts";
import { pnpm } from "./setup.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const RELEASES_FILE = path.join(ROOT, "packages/patch-builder/releases.json");
const REPORTS = path.join(ROOT, ".cache/reports-sync");
const API_KEY = "@better-auth/api-key";

const npmView = (...args: string[]): unknown => JSON.parse(execFileSync("npm", ["view", ...args, "--json"], { encoding: "utf8" }));

/** The registry's stable releases of `name` (no pre-release tag) from `oldest` on that `known` lacks, oldest first. */
function missingReleases(name: string, known: string[]): string[] {
	const oldest = [...known].sort(compareVersions)[0];
	return (npmView(name, "versions") as string[])
		.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && compareVersions(v, oldest) >= 0 && !known.includes(v))
		.sort(compareVersions);
}

/** releases.json as it is written by hand: tabs, the anchors on one line. */
function serialize(releases: Releases): string {
	const text = JSON.stringify(releases, null, "\t");
	return `${text.replace(/"anchors": \[[^\]]*\]/, (anchors) => anchors.replace(/\s*\n\s*/g, " ").replace("[ ", "[").replace(" ]", "]"))}\n`;
}

function run(command: string, args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...env } });
	if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed (exit code ${result.status})`);
}

const newBetterAuth = missingReleases("better-auth", RELEASES["better-auth"]);
const newApiKey = missingReleases(API_KEY, Object.keys(RELEASES[API_KEY]));
if (!newBetterAuth.length && !newApiKey.length) {
	console.log(`releases:sync: nothing to add; releases.json lists every stable release on npm (better-auth ${RELEASES["better-auth"].at(-1)}, ${API_KEY} ${Object.keys(RELEASES[API_KEY]).at(-1)})`);
	process.exit(0);
}

const synced: Releases = structuredClone(RELEASES);
synced["better-auth"] = [...synced["better-auth"], ...newBetterAuth].sort(compareVersions);
for (const version of newApiKey) {
	const peers = npmView(`${API_KEY}@${version}`, "peerDependencies") as Record<string, string>;
	synced[API_KEY][version] = peers["better-auth"];
}
synced[API_KEY] = Object.fromEntries(Object.entries(synced[API_KEY]).sort(([a], [b]) => compareVersions(a, b)));
/** Every better-auth release to prove: the new ones, and those a new api-key release now pairs with. */
const toProve = synced["better-auth"].filter((v) => newBetterAuth.includes(v) || apiKeyPairOf(v, synced) !== apiKeyPairOf(v, RELEASES));
console.log(`releases:sync: adding better-auth ${newBetterAuth.join(", ") || "(none)"}; ${API_KEY} ${newApiKey.map((v) => `${v} (${synced[API_KEY][v]})`).join(", ") || "(none)"}`);
console.log(`releases:sync: proving better-auth ${toProve.map((v) => `${v} with ${apiKeyPairOf(v, synced) ?? "its bundled plugin"}`).join(", ")}`);

const before = fs.readFileSync(RELEASES_FILE, "utf8");
fs.writeFileSync(RELEASES_FILE, serialize(synced));
try {
	pnpm(["--silent", "patches:build"], { cwd: ROOT });
} catch {
	// the builder writes nothing when a release fails: patches/ is as it was
	fs.writeFileSync(RELEASES_FILE, before);
	console.error("releases:sync: the patches could not be built for the new releases (the error above names the release, the file and the edit); releases.json and patches/ are as they were");
	process.exit(1);
}
run("node_modules/.bin/tsx", ["scripts/releases.ts"]);
fs.rmSync(REPORTS, { recursive: true, force: true });
fs.mkdirSync(REPORTS, { recursive: true });
// as the test command runs the proof and bite tiers: one import of a release per worker, counts per release
const options = ["--reporter=./scripts/per-release-reporter.ts", "--no-isolate"];
let failed = false;
for (const [report, variant, files, env] of [
	["proof", "", ["test/reproduction", "test/proof", "test/statements"], {}],
	["unpatched", " unpatched", ["test/reproduction", "test/proof/cli-probe.test.ts"], { UNPATCHED: "1" }],
] as const) {
	const projects = toProve.flatMap((v) => ["--project", `better-auth@${v}${variant}`]);
	const result = spawnSync("node_modules/.bin/vitest", ["run", ...files, ...projects, ...options], {
		cwd: ROOT,
		stdio: "inherit",
		env: { ...process.env, ...env, PER_RELEASE_REPORT: path.join(REPORTS, `${report}.releases.json`) },
	});
	failed ||= result.status !== 0;
}
run("node_modules/.bin/tsx", ["scripts/release-table.ts", REPORTS, "--keep"]);
console.log(
	failed
		? "releases:sync: the releases are added, but their proof or bite check FAILED (above): fix before committing"
		: "releases:sync: added and proven; commit packages/patch-builder/releases.json, patches/ and docs/releases.md",
);
process.exit(failed ? 1 : 0);

// Where the suite finds each better-auth release: the release matrix
// (scripts/releases.ts) installs every release of packages/patch-builder/releases.json
// twice under .cache/releases/, patched and as published, the way a user's pnpm app does.
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const RELEASES = JSON.parse(fs.readFileSync(path.join(ROOT, "packages/patch-builder/releases.json"), "utf8"));

/** The anchor releases: the full suite runs on these, the per-release proof on every release. */
export const TARGET_VERSIONS = RELEASES.anchors;

/** The project whose SQLite run holds test/adoption, which installs apps of every anchor itself: the newest anchor's. */
export const ADOPTION_VERSION = TARGET_VERSIONS.at(-1);

export const MATRIX_DIR = path.join(ROOT, ".cache/releases");

/** One release's app: `variant` is "patched" or "unpatched"; its index.ts re-exports what the suite imports. */
export const releaseDir = (variant, version) => path.join(MATRIX_DIR, variant, version);

export const unpatchedDir = (version) => releaseDir("unpatched", version);

/**
 * The packed build of upstream better-auth main@451aa4b (packages at 1.7.1) with every pull request
 * of pull-requests/ (`npm run upstream` packs it into `pack`): one more release of the matrix, the
 * same contract as the patch set in a second implementation, run as built (scripts/pr-build.ts).
 * `base`: the published release its source carries, what its comparisons measure it against.
 */
export const PR_BUILD = {
	name: "1.7.1+prs",
	base: "1.7.1",
	pack: path.join(ROOT, ".cache/upstream/pack"),
	dir: path.join(MATRIX_DIR, "prs/1.7.1+prs"),
};

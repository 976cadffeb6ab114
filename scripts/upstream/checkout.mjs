// The verification checkout: upstream's main@451aa4b from the tarball in
// ../shared/upstream, committed as `base`, installed once (filtered, frozen,
// with the local install workaround applied uncommitted). Every check then
// moves it between states with git only; node_modules and dist are ignored
// by git and stay.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { CACHE, ROOT, run } from "./run.mjs";

export const SHARED = process.env.UPSTREAM_SHARED ?? path.resolve(ROOT, "../shared/upstream");
const TARBALL = path.join(SHARED, "better-auth-451aa4b.tar.gz");
const TARBALL_SHA256 = "975fb99ed93eda87b37eb3bf1f849b7232345356205bde95128ea42299b3d97d";
const WORKAROUND = path.join(SHARED, "local-install-workaround.patch");
export const CHECKOUT = path.join(CACHE, "better-auth");
const INSTALLED_STAMP = path.join(CACHE, "installed");

/** The vitest config that runs the api-key suite from source (no build per pull request). */
export const DEV_SOURCE_CONFIG = "vitest.dev-source.config.mjs";
const DEV_SOURCE_CONFIG_TEXT = `// Written by the upstream harness (not part of upstream): resolves workspace
// packages through their "dev-source" export condition, i.e. from src/.
const conditions = ["dev-source", "module", "node", "development|production"];
export default {
	resolve: { conditions },
	ssr: { resolve: { conditions } },
	test: { root: "packages/api-key", clearMocks: true, restoreMocks: true, testTimeout: 10_000 },
};
`;

export const git = (args, options = {}) => run("git", args, { cwd: CHECKOUT, ...options });

/**
 * A tool installed in the checkout, run directly: `pnpm exec` and `pnpm run`
 * would first check the install against package.json and the lockfile, which
 * the workaround changes, and start an unfiltered install that fails here.
 */
export const bin = (name) => path.join(CHECKOUT, "node_modules/.bin", name);

function sha256(file) {
	return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

/** Untars and installs upstream unless the cached checkout is already installed from the same tarball. */
export function prepareCheckout(env) {
	if (!fs.existsSync(TARBALL)) {
		throw new Error(`${TARBALL} is missing: put shared/ beside the repository, or set UPSTREAM_SHARED to its upstream/ folder`);
	}
	if (sha256(TARBALL) !== TARBALL_SHA256) throw new Error(`${TARBALL}: unexpected sha256`);
	if (fs.existsSync(INSTALLED_STAMP) && fs.readFileSync(INSTALLED_STAMP, "utf8") === TARBALL_SHA256) {
		return false;
	}
	fs.rmSync(CHECKOUT, { recursive: true, force: true });
	fs.mkdirSync(CACHE, { recursive: true });
	run("tar", ["xzf", TARBALL, "-C", CACHE]);
	git(["init", "-q"]);
	git(["add", "-A"]);
	git(["commit", "-q", "--no-verify", "-m", "main@451aa4b"], { env });
	git(["tag", "base"]);
	fs.appendFileSync(path.join(CHECKOUT, ".git/info/exclude"), `/${DEV_SOURCE_CONFIG}\n`);
	fs.writeFileSync(path.join(CHECKOUT, DEV_SOURCE_CONFIG), DEV_SOURCE_CONFIG_TEXT);
	applyWorkaround();
	run(
		"pnpm",
		[
			"install",
			"--frozen-lockfile",
			"--filter",
			"@better-auth/root",
			"--filter",
			"better-auth...",
			"--filter",
			"@better-auth/api-key...",
		],
		{ cwd: CHECKOUT, env, log: "install" },
	);
	fs.writeFileSync(INSTALLED_STAMP, TARBALL_SHA256);
	return true;
}

/** The install workaround, uncommitted: it must never reach a series. */
export function applyWorkaround() {
	git(["apply", WORKAROUND]);
}

/** Back to a clean `base` (no commits, no workaround, no untracked files), keeping what git ignores. */
export function resetToBase() {
	git(["am", "--abort"], { allowFailure: true });
	git(["reset", "-q", "--hard"]);
	git(["checkout", "-q", "--detach", "base"]);
	git(["clean", "-fdq"]);
}

/** `base` as upstream has it, installable: the workaround applied, uncommitted. */
export function checkoutBase() {
	resetToBase();
	applyWorkaround();
}

/** `git am` of the series onto the current HEAD; returns whether it applied. */
export function applySeries(patches, env, log) {
	const { status } = git(["am", "--quiet", ...patches], { env, log, allowFailure: true });
	if (status !== 0) git(["am", "--abort"], { allowFailure: true });
	return status === 0;
}

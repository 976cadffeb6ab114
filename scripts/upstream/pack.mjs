// The packed build of main + every pull request: turbo builds better-auth and
// @better-auth/api-key with their workspace dependencies, and `pnpm pack`
// packs each of those packages into .cache/upstream/pack/.
import fs from "node:fs";
import path from "node:path";
import { bin, CHECKOUT } from "./checkout.mjs";
import { CACHE, run } from "./run.mjs";

export const PACK = path.join(CACHE, "pack");
const PACKAGES = ["better-auth...", "@better-auth/api-key..."];

export function build(env, log) {
	// Loose env mode: turbo's strict mode would drop the setting that stops pnpm's install check.
	run(bin("turbo"), ["build", "--env-mode=loose", ...PACKAGES.map((pkg) => `--filter=${pkg.replace(/\.\.\.$/, "")}`)], {
		cwd: CHECKOUT,
		env,
		log,
	});
}

/** Packs every public workspace package better-auth and @better-auth/api-key need; returns the tarballs. */
export function packAll(env) {
	fs.rmSync(PACK, { recursive: true, force: true });
	fs.mkdirSync(PACK, { recursive: true });
	const listed = run("pnpm", ["ls", "-r", "--depth", "-1", "--json", ...PACKAGES.flatMap((pkg) => ["--filter", pkg])], {
		cwd: CHECKOUT,
		env,
	}).output;
	const packages = JSON.parse(listed).filter((pkg) => !pkg.private);
	for (const pkg of packages) {
		run("pnpm", ["pack", "--pack-destination", PACK], { cwd: pkg.path, env, log: `pack-${pkg.name.replace("/", "+")}` });
	}
	return fs.readdirSync(PACK).sort();
}

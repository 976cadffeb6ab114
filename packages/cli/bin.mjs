#!/usr/bin/env node
// better-auth-org-patch apply|check|remove [app directory]
import path from "node:path";
import { apply, remove } from "./src/apply.mjs";
import { installedVersion } from "./src/installed.mjs";
import { pairMisfit } from "./src/pair-fit.mjs";
import { supportedPatches } from "./src/patches.mjs";
import { probe, reportProbe } from "./src/probe.mjs";
import { Refusal } from "./src/refusal.mjs";

const USAGE = `usage: better-auth-org-patch apply|check|remove [app directory]

  apply   patch the app's better-auth and @better-auth/api-key, install, and prove it works:
          pnpm: patches/ + pnpm-workspace.yaml; npm and yarn 1: patch-package (files, postinstall,
          exact versions, and for npm the .npmrc line the api-key pair needs). Run it again after a bump.
          A release newer than these gets its patch built from the installed files and proven first
  check   prove at runtime that the patch is in effect (exit 0) or not (exit 1)
  remove  take the patch out and reinstall the published packages

supported: ${supportedPatches()
	.map((patch) => patch.id)
	.join(", ")}`;

function check(appDir, log) {
	const betterAuth = installedVersion(appDir, "better-auth");
	if (!betterAuth) throw new Refusal(`better-auth is not installed in ${appDir}`);
	const misfit = pairMisfit(appDir, betterAuth.version);
	if (misfit) {
		log(`${misfit}\nthe organization patch for API-key sessions is NOT in effect: its api-key release does not fit its better-auth`);
		return 1;
	}
	log(`probing better-auth ${betterAuth.version} (${betterAuth.from}) in ${appDir}`);
	return reportProbe(probe(appDir), log);
}

const log = (message) => console.log(`better-auth-org-patch: ${message}`);
const [command, dir = "."] = process.argv.slice(2);
const appDir = path.resolve(dir);

try {
	if (command === "apply") process.exitCode = await apply(appDir, log);
	else if (command === "check") process.exitCode = check(appDir, log);
	else if (command === "remove") process.exitCode = remove(appDir, log);
	else {
		console.error(USAGE);
		process.exitCode = command === "--help" || command === "-h" ? 0 : 2;
	}
} catch (error) {
	if (!(error instanceof Refusal)) throw error;
	console.error(`better-auth-org-patch: ${error.message}\nnothing was changed.`);
	process.exitCode = 2;
}

#!/usr/bin/env node
// better-auth-org-patch apply|check|remove [app directory]
import path from "node:path";
import { apply, remove } from "./src/apply.mjs";
import { SELF } from "./src/command.mjs";
import { installedVersion } from "./src/installed.mjs";
import { supportedRange } from "./src/patches.mjs";
import { refusalOf } from "./src/plan.mjs";
import { probe, reportProbe } from "./src/probe.mjs";
import { Refusal } from "./src/refusal.mjs";

const USAGE = `usage: ${SELF} apply|check|remove [app directory]

  apply   patch the app's better-auth and @better-auth/api-key, install, and prove it works:
          pnpm: patches/ + pnpm-workspace.yaml; npm and yarn 1: patch-package (files, postinstall,
          exact versions, and the .npmrc line when npm refuses the api-key pair without it).
          Run it again after a bump; on an app it patched already it only checks.
          A release newer than these gets its patch built from the installed files and proven first
  check   prove at runtime that the patch is in effect (exit 0) or not (exit 1)
  remove  take the patch out and reinstall the published packages

supported: better-auth ${supportedRange("better-auth")};
           @better-auth/api-key ${supportedRange("@better-auth/api-key")} (better-auth 1.5+)`;

function check(appDir, log) {
	const betterAuth = installedVersion(appDir, "better-auth");
	if (!betterAuth) throw new Refusal(`better-auth is not installed in ${appDir}`);
	// A release apply refuses (one it cannot patch, or an api-key release that does not fit its better-auth)
	// has no patch to be in effect: say so rather than advise apply.
	const refusal = refusalOf(appDir);
	if (refusal) {
		log(`the organization patch for API-key sessions is not in effect, and apply cannot patch this app: ${refusal}`);
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

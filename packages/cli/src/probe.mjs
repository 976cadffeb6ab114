import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SELF } from "./command.mjs";

const SCRIPT = fs.readFileSync(path.join(import.meta.dirname, "probe-script.mjs"), "utf8");

/**
 * Runs probe-script.mjs with the app's own better-auth (node reads it from stdin
 * with the app as working directory, so bare imports resolve from the app):
 * the patch is in effect only if the fixed behaviour shows at runtime.
 * Returns { ok, results } or { ok: false, error } when the probe could not run.
 */
export function probe(appDir) {
	const run = spawnSync(process.execPath, ["--input-type=module"], {
		cwd: appDir,
		input: SCRIPT,
		encoding: "utf8",
		timeout: 60_000,
		env: { ...process.env, BETTER_AUTH_TELEMETRY: "0" },
	});
	const line = run.stdout?.split("\n").findLast((l) => l.startsWith('{"results":'));
	if (run.status !== 0 || !line) {
		const output = `${run.stderr ?? ""}${run.error ? String(run.error) : ""}`
			.split("\n")
			.filter((l) => l.trim() && !/^\s+at /.test(l))
			.slice(-8)
			.join("\n");
		return { ok: false, error: output || `exit code ${run.status}` };
	}
	const { results } = JSON.parse(line);
	return { ok: results.every((r) => r.ok), results };
}

/** Prints the probe's findings, and `advice` when the patch is not in effect; returns the exit code for them (0: in effect). */
export function reportProbe(outcome, log, advice = `run \`${SELF} apply\``) {
	if (outcome.error) {
		log(`the runtime probe could not run in this app:\n${outcome.error}`);
		// In a workspace, better-auth is usually a dependency of one package, not of the root.
		if (outcome.error.includes("ERR_MODULE_NOT_FOUND")) log(`run \`${SELF} check <dir>\` in the package that depends on better-auth`);
		return 1;
	}
	for (const r of outcome.results) {
		log(`  ${r.ok ? "ok  " : "FAIL"} ${r.name}${r.ok ? "" : `\n       got ${r.got.status} ${JSON.stringify(r.got.body)}`}`);
	}
	log(
		outcome.ok
			? "the organization patch for API-key sessions is in effect"
			: `the organization patch for API-key sessions is NOT in effect: ${advice}`,
	);
	return outcome.ok ? 0 : 1;
}

// Running commands for the upstream harness: output goes to a log file per
// step under .cache/upstream/logs/, so the terminal shows only the table.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const CACHE = path.join(ROOT, ".cache/upstream");
export const LOGS = path.join(CACHE, "logs");

/**
 * Runs `command args` and returns `{ status, output }`; throws when the command
 * fails unless `allowFailure`. The combined output is also written to `log`.
 */
export function run(command, args, { cwd, env, log, allowFailure = false, input } = {}) {
	const result = spawnSync(command, args, {
		cwd,
		env,
		input,
		encoding: "utf8",
		maxBuffer: 256 * 1024 * 1024,
	});
	const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
	if (log) {
		fs.mkdirSync(LOGS, { recursive: true });
		fs.writeFileSync(path.join(LOGS, `${log}.log`), `$ ${command} ${args.join(" ")}\n${output}`);
	}
	const status = result.status ?? 1;
	if (status !== 0 && !allowFailure) {
		const where = log ? ` (log: ${path.relative(ROOT, path.join(LOGS, `${log}.log`))})` : "";
		throw new Error(`${command} ${args.join(" ")} exited with ${status}${where}\n${output.slice(-4000)}`);
	}
	return { status, output };
}

/** Seconds since `start` (from `Date.now()`), for the timings printed. */
export const seconds = (start) => Math.round((Date.now() - start) / 1000);

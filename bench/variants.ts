// The packages a benchmarked server loads: a release as published, or patched.
// Each server is a child process whose tsx resolves test/support's `#target` to one of them.
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { releaseDir } from "../scripts/targets.mjs";
import { isUnpatchedInstalled } from "../test/support/unpatched-target";
import type { CpuCommand, Credentials, Database, ScaleCommand, ServerMessage } from "./protocol";

export type Variant = "patched" | "unpatched";

/**
 * The release's re-exports for a variant: the release matrix's app of it
 * (scripts/releases.ts), patched or as published, both installed as a user's
 * pnpm app installs them. `--patched-index` (bench.ts) swaps in another
 * install's as "patched", to measure a trial edit of the patched packages.
 */
function targetIndex(version: string, variant: Variant): string {
	if (!isUnpatchedInstalled(version)) throw new Error(`better-auth@${version} is not installed: run tsx scripts/releases.ts`);
	if (variant === "patched" && process.env.BENCH_PATCHED_INDEX) return process.env.BENCH_PATCHED_INDEX;
	return path.join(releaseDir(variant, version), "index.ts");
}

/** A tsconfig whose only job is the `#target` path; tsx reads it through TSX_TSCONFIG_PATH. */
function tsconfigFor(version: string, variant: Variant): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-tsconfig-"));
	const file = path.join(dir, "tsconfig.json");
	fs.writeFileSync(file, JSON.stringify({ compilerOptions: { paths: { "#target": [targetIndex(version, variant)] } } }));
	return file;
}

export interface Server {
	version: string;
	variant: Variant;
	url: string;
	credentials: Credentials;
	command(command: ScaleCommand | CpuCommand): Promise<ServerMessage>;
	stop(): void;
}

function nextMessage(child: ChildProcess): Promise<ServerMessage> {
	return new Promise((resolve, reject) => {
		const onExit = (code: number | null) => reject(new Error(`benchmark server exited with ${code}`));
		child.once("exit", onExit);
		child.once("message", (message) => {
			child.off("exit", onExit);
			resolve(message as ServerMessage);
		});
	});
}

export async function startServer(version: string, variant: Variant, database: Database): Promise<Server> {
	const tsconfig = tsconfigFor(version, variant);
	const child = fork(path.resolve("bench/server.ts"), [], {
		execArgv: ["--import", "tsx"],
		env: {
			...process.env,
			TSX_TSCONFIG_PATH: tsconfig,
			BENCH_VARIANT: variant,
			BENCH_DATABASE: JSON.stringify(database),
			NODE_ENV: "production",
		},
		stdio: ["ignore", "inherit", "inherit", "ipc"],
	});
	const ready = await nextMessage(child);
	if (ready.type !== "ready") throw new Error(`unexpected first message from the server: ${ready.type}`);
	return {
		version,
		variant,
		url: `http://127.0.0.1:${ready.port}`,
		credentials: ready.credentials,
		async command(command) {
			const reply = nextMessage(child);
			child.send(command);
			return reply;
		},
		stop() {
			child.kill();
			fs.rmSync(path.dirname(tsconfig), { recursive: true, force: true });
		},
	};
}

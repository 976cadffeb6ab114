// The packages a benchmarked server loads: the workspace's patched target, or the
// same release as published (scripts/install-unpatched.mjs). Each server is a
// child process whose tsx resolves test/support's `#target` to one of them.
import { type ChildProcess, fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isUnpatchedInstalled, unpatchedTargetIndex } from "../test/support/unpatched-target";
import type { Credentials, Database, ScaleCommand, ServerMessage } from "./protocol";

export type Variant = "patched" | "unpatched";

/**
 * The release's re-exports for a variant. `--patched-index` (bench.ts) swaps in
 * another install's as "patched", to measure a trial edit of the patched packages.
 */
function targetIndex(version: string, variant: Variant): string {
	if (variant === "patched") return process.env.BENCH_PATCHED_INDEX || path.resolve(`packages/target-${version}/index.ts`);
	if (!isUnpatchedInstalled(version)) throw new Error(`better-auth@${version} unpatched is not installed: run node scripts/install-unpatched.mjs`);
	return unpatchedTargetIndex(version);
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
	command(command: ScaleCommand): Promise<ServerMessage>;
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

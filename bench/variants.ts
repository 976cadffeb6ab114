// The packages a benchmarked server loads: a release as published
// (scripts/install-unpatched.mjs), or the same install with patches/ applied.
// Each server is a child process whose tsx resolves test/support's `#target` to one of them.
import { type ChildProcess, execFileSync, fork } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { COMPANIONS, unpatchedDir } from "../scripts/targets.mjs";
import { isUnpatchedInstalled, unpatchedTargetIndex } from "../test/support/unpatched-target";
import type { Credentials, Database, ScaleCommand, ServerMessage } from "./protocol";

export type Variant = "patched" | "unpatched";

/** pnpm's file name for a package's patch: `@scope/name@1.0.0` -> `patches/@scope__name@1.0.0.patch`. */
const patchFile = (spec: string) => path.resolve("patches", `${spec.replace("/", "__")}.patch`);

/**
 * The published install with the project's patches applied on top: the very
 * dependency tree the unpatched variant runs on, so the two differ by the patch
 * alone (the workspace's pnpm tree resolves other versions of kysely, rou3,
 * better-call). Kept outside the repository (git apply would resolve paths
 * against it) and rebuilt when a patch changes.
 */
function patchedInstall(version: string): string {
	const specs = [`better-auth@${version}`, ...((COMPANIONS as Record<string, string[]>)[version] ?? [])].filter((spec) => fs.existsSync(patchFile(spec)));
	const patches = specs.map((spec) => fs.readFileSync(patchFile(spec), "utf8"));
	const stamp = createHash("sha256").update(patches.join("\0")).digest("hex");
	const dir = path.join(os.tmpdir(), "better-auth-bench", `${version}-patched`);
	const stampFile = path.join(dir, "patches.sha256");
	if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === stamp) return dir;
	fs.rmSync(dir, { recursive: true, force: true });
	fs.cpSync(unpatchedDir(version), dir, { recursive: true });
	for (const spec of specs) {
		const name = spec.slice(0, spec.lastIndexOf("@"));
		execFileSync("git", ["apply", `--directory=node_modules/${name}`, patchFile(spec)], { cwd: dir });
	}
	fs.writeFileSync(stampFile, stamp);
	return dir;
}

/** The release's re-exports (packages/target-<version>/index.ts), copied into an install so its imports resolve there. */
function indexIn(dir: string, version: string): string {
	const copy = path.join(dir, "bench-index.ts");
	fs.copyFileSync(path.resolve(`packages/target-${version}/index.ts`), copy);
	return copy;
}

/**
 * The release's re-exports for a variant. `--patched-index` (bench.ts) swaps in
 * another install's as "patched", to measure a trial edit of the patched packages.
 */
function targetIndex(version: string, variant: Variant): string {
	if (!isUnpatchedInstalled(version)) throw new Error(`better-auth@${version} unpatched is not installed: run node scripts/install-unpatched.mjs`);
	if (variant === "unpatched") return unpatchedTargetIndex(version);
	return process.env.BENCH_PATCHED_INDEX || indexIn(patchedInstall(version), version);
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

// The example app as a separate Node process (`tsx src/server.ts`), as it runs
// in production: its own memory, sharing only the database.
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const APP_DIR = path.resolve(import.meta.dirname, "../../packages/example-app");

export interface AppProcess {
	url: string;
	stop(): Promise<void>;
}

/** Starts the app on a free loopback port and resolves once it listens (at most 30 s). */
export function spawnApp(databaseUrl: string): Promise<AppProcess> {
	const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
		cwd: APP_DIR,
		env: { ...process.env, DATABASE_URL: databaseUrl, PORT: "0" },
		stdio: ["ignore", "pipe", "pipe"],
	});
	let output = "";
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => fail("did not listen within 30 s"), 30_000);
		function fail(why: string) {
			clearTimeout(timer);
			child.kill("SIGKILL");
			reject(new Error(`example app ${why}:\n${output}`));
		}
		child.stderr?.on("data", (chunk) => (output += chunk));
		child.stdout?.on("data", (chunk) => {
			output += chunk;
			const url = /listening on (http:\/\/127\.0\.0\.1:\d+)\r?\n/.exec(output)?.[1];
			if (!url) return;
			clearTimeout(timer);
			resolve({ url, stop: () => stop(child) });
		});
		// Only matters before it listens: a settled promise ignores the rejection.
		child.once("exit", (code) => fail(`exited with code ${code}`));
	});
}

async function stop(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once("exit", resolve));
	child.kill("SIGTERM");
	await exited;
}

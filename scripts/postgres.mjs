// A throwaway PostgreSQL server on loopback: installed with apt-get if missing,
// a fresh cluster in a temp dir, a free port, removed when stopped. Used by the
// tests (test/support/postgres-setup.ts) and from the command line:
//   node scripts/postgres.mjs -- <command...>   runs the command with DATABASE_URL set, then stops the server
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

const DEBIAN_BIN = "/usr/lib/postgresql";
const asRoot = process.getuid?.() === 0;

/** The directory of initdb/pg_ctl: Debian's newest major, else whatever is on PATH. */
function findBinDir() {
	if (fs.existsSync(DEBIAN_BIN)) {
		const majors = fs.readdirSync(DEBIAN_BIN).filter((d) => fs.existsSync(path.join(DEBIAN_BIN, d, "bin/initdb")));
		majors.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(DEBIAN_BIN, majors[0], "bin");
	}
	const onPath = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" }).stdout.trim();
	return onPath ? path.dirname(onPath) : null;
}

function install() {
	if (!asRoot || spawnSync("sh", ["-c", "command -v apt-get"]).status !== 0) {
		throw new Error("PostgreSQL is not installed: install it (initdb and pg_ctl on PATH) or set POSTGRES_URL");
	}
	console.error("installing PostgreSQL with apt-get…");
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
	execFileSync("apt-get", ["install", "-y", "-qq", "postgresql"], { stdio: "inherit", env });
}

/** initdb refuses to run as root, so as root the cluster belongs to the `postgres` user. */
function run(bin, args, cwd) {
	const [command, prefix] = asRoot ? ["runuser", ["-u", "postgres", "--"]] : [bin, []];
	execFileSync(command, asRoot ? [...prefix, bin, ...args] : args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer().once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Starts a new cluster and returns its superuser URL and `stop()`. Durability
 * is switched off (fsync, synchronous_commit): the data is thrown away anyway.
 */
export async function startPostgres() {
	let bin = findBinDir();
	if (!bin) {
		install();
		bin = findBinDir();
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-"));
	if (asRoot) execFileSync("chown", ["postgres", dir]);
	const data = path.join(dir, "data");
	run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], dir);
	// The port is free when picked but not held: another process may bind it before the server does, so try another.
	let port;
	for (let attempt = 1; ; attempt++) {
		port = await freePort();
		const settings = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500`;
		try {
			run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-o", settings, "-w", "start"], dir);
			break;
		} catch (error) {
			if (attempt === 3) {
				fs.rmSync(dir, { recursive: true, force: true });
				throw error;
			}
		}
	}
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		process.off("exit", stop);
		try {
			run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], dir);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	};
	// Also when the owner exits without stopping it (vitest on Ctrl-C skips its teardown).
	process.on("exit", stop);
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const separator = process.argv.indexOf("--");
	const command = separator === -1 ? [] : process.argv.slice(separator + 1);
	if (!command.length) {
		console.error("usage: node scripts/postgres.mjs -- <command...>");
		process.exit(2);
	}
	const server = await startPostgres();
	console.error(`PostgreSQL at ${server.url}`);
	// Ctrl-C reaches the command too; the server is stopped once it has exited.
	process.on("SIGINT", () => {});
	process.on("SIGTERM", () => {});
	const result = spawnSync(command[0], command.slice(1), {
		stdio: "inherit",
		env: { ...process.env, DATABASE_URL: server.url, POSTGRES_URL: server.url },
	});
	server.stop();
	process.exit(result.status ?? 1);
}

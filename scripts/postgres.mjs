// A throwaway PostgreSQL server on loopback: installed with apt-get if missing,
// a fresh cluster in a temp dir, a free port, removed when stopped. Used by the
// tests (test/support/postgres-setup.ts) and from the command line:
//   node scripts/postgres.mjs -- <command...>   runs the command with DATABASE_URL set, then stops the server
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { aptInstall, asRoot, freePort, onPath, runWithServer, stopOnce } from "./throwaway-server.mjs";

const DEBIAN_BIN = "/usr/lib/postgresql";

/** The directory of initdb/pg_ctl: Debian's newest major, else whatever is on PATH. */
function findBinDir() {
	if (fs.existsSync(DEBIAN_BIN)) {
		const majors = fs.readdirSync(DEBIAN_BIN).filter((d) => fs.existsSync(path.join(DEBIAN_BIN, d, "bin/initdb")));
		majors.sort((a, b) => Number(b) - Number(a));
		if (majors.length) return path.join(DEBIAN_BIN, majors[0], "bin");
	}
	const initdb = onPath("initdb");
	return initdb ? path.dirname(initdb) : null;
}

/** initdb refuses to run as root, so as root the cluster belongs to the `postgres` user. */
function run(bin, args, cwd) {
	const [command, prefix] = asRoot ? ["runuser", ["-u", "postgres", "--"]] : [bin, []];
	execFileSync(command, asRoot ? [...prefix, bin, ...args] : args, { cwd, stdio: ["ignore", "ignore", "inherit"] });
}

/**
 * Starts a new cluster and returns its superuser URL, `psql(sql)` and `stop()`.
 * Durability is switched off (fsync, synchronous_commit): the data is thrown
 * away anyway. `port` fixes the port for suites that expect one (upstream
 * better-auth's expects 5432); otherwise a free one is picked.
 */
export async function startPostgres({ port: fixedPort } = {}) {
	let bin = findBinDir();
	if (!bin) {
		aptInstall("PostgreSQL", "postgresql", "install it (initdb and pg_ctl on PATH) or set POSTGRES_URL");
		bin = findBinDir();
	}
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pg-"));
	if (asRoot) execFileSync("chown", ["postgres", dir]);
	const data = path.join(dir, "data");
	run(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], dir);
	// The port is free when picked but not held: another process may bind it before the server does, so try another.
	let port;
	for (let attempt = 1; ; attempt++) {
		port = fixedPort ?? (await freePort());
		const settings = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500`;
		try {
			run(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "log"), "-o", settings, "-w", "start"], dir);
			break;
		} catch (error) {
			if (attempt === 3 || fixedPort) {
				fs.rmSync(dir, { recursive: true, force: true });
				throw error;
			}
		}
	}
	const stop = stopOnce(() => {
		try {
			run(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], dir);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
	const psql = (sql) => run(path.join(bin, "psql"), ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql], dir);
	return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, psql, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await runWithServer("postgres.mjs", "PostgreSQL", startPostgres, ["DATABASE_URL", "POSTGRES_URL"]);
}

// A throwaway MariaDB server on loopback, as scripts/postgres.mjs does it for
// PostgreSQL: installed with apt-get if missing, a fresh data directory in a
// temp dir, a free port, removed when stopped. Used by the tests
// (test/support/mariadb-setup.ts) and from the command line:
//   node scripts/mariadb.mjs -- <command...>   runs the command with MARIADB_URL set, then stops the server
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { aptInstall, asRoot, freePort, onPath, runWithServer, stopOnce } from "./throwaway-server.mjs";

const connects = (port) =>
	new Promise((resolve) => {
		const socket = net.connect(port, "127.0.0.1", () => socket.end(() => resolve(true))).once("error", () => resolve(false));
	});

async function waitUntilListening(port, server, log) {
	for (let waited = 0; waited < 30_000; waited += 100) {
		if (server.exitCode !== null) break;
		if (await connects(port)) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`MariaDB did not start on port ${port}:\n${fs.existsSync(log) ? fs.readFileSync(log, "utf8").slice(-2000) : ""}`);
}

/**
 * Starts a new server and returns the URL of its root account (no password,
 * loopback only) and `stop()`. Durability is switched off (no flush at commit,
 * no doublewrite, no binary log): the data is thrown away anyway.
 */
export async function startMariadb() {
	if (!onPath("mariadbd") && !fs.existsSync("/usr/sbin/mariadbd")) {
		aptInstall("MariaDB", "mariadb-server", "install it (mariadbd and mariadb-install-db on PATH) or set MARIADB_URL");
	}
	const mariadbd = onPath("mariadbd") || "/usr/sbin/mariadbd";
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mariadb-"));
	const user = asRoot ? ["--user=mysql"] : [];
	if (asRoot) execFileSync("chown", ["mysql", dir]);
	const data = path.join(dir, "data");
	// Root without a password, for localhost and 127.0.0.1 (the server listens on loopback only).
	execFileSync("mariadb-install-db", [...user, `--datadir=${data}`, "--auth-root-authentication-method=normal", "--skip-test-db"], { stdio: "pipe" });
	const log = path.join(dir, "log");
	const port = await freePort();
	const server = spawn(
		mariadbd,
		[
			"--no-defaults",
			...user,
			`--datadir=${data}`,
			`--socket=${path.join(dir, "socket")}`,
			`--pid-file=${path.join(dir, "pid")}`,
			`--log-error=${log}`,
			"--bind-address=127.0.0.1",
			`--port=${port}`,
			"--skip-name-resolve",
			// What Debian's configuration (skipped by --no-defaults) and MariaDB 11 default to; latin1 otherwise.
			"--character-set-server=utf8mb4",
			"--collation-server=utf8mb4_unicode_ci",
			"--innodb-flush-log-at-trx-commit=0",
			"--innodb-doublewrite=0",
			"--innodb-buffer-pool-size=256M",
			"--skip-log-bin",
			"--max-connections=500",
		],
		{ stdio: "ignore" },
	);
	const stop = stopOnce(() => {
		server.kill("SIGKILL");
		fs.rmSync(dir, { recursive: true, force: true });
	});
	try {
		await waitUntilListening(port, server, log);
	} catch (error) {
		stop();
		throw error;
	}
	return { url: `mysql://root@127.0.0.1:${port}`, stop };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	await runWithServer("mariadb.mjs", "MariaDB", startMariadb, ["MARIADB_URL"]);
}

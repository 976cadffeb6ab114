// What the throwaway database servers (scripts/postgres.mjs, scripts/mariadb.mjs)
// share: installing the server with apt-get, a free loopback port, stopping the
// server when its owner exits, and the `-- <command...>` entry point.
import { execFileSync, spawnSync } from "node:child_process";
import net from "node:net";

export const asRoot = process.getuid?.() === 0;

/** The command's path, or "" when it is not on PATH. */
export const onPath = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).stdout.trim();

/** Debian's package, as root with apt-get; otherwise `missing` says what to do instead. */
export function aptInstall(name, debianPackage, missing) {
	if (!asRoot || !onPath("apt-get")) throw new Error(`${name} is not installed: ${missing}`);
	console.error(`installing ${name} with apt-get…`);
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
	execFileSync("apt-get", ["install", "-y", "-qq", debianPackage], { stdio: "inherit", env });
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer().once("error", reject);
		server.listen(0, "127.0.0.1", () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `shutdown` once, on `stop()` or when the owner exits without stopping it (vitest on Ctrl-C skips its teardown). */
export function stopOnce(shutdown) {
	let stopped = false;
	const stop = () => {
		if (stopped) return;
		stopped = true;
		process.off("exit", stop);
		shutdown();
	};
	process.on("exit", stop);
	return stop;
}

/**
 * `node scripts/<server>.mjs -- <command...>`: starts the server, runs the
 * command with `urlVariables` set to the server's URL, stops the server and
 * exits with the command's status.
 */
export async function runWithServer(script, name, start, urlVariables) {
	const separator = process.argv.indexOf("--");
	const command = separator === -1 ? [] : process.argv.slice(separator + 1);
	if (!command.length) {
		console.error(`usage: node scripts/${script} -- <command...>`);
		process.exit(2);
	}
	const server = await start();
	console.error(`${name} at ${server.url}`);
	// Ctrl-C reaches the command too; the server is stopped once it has exited.
	process.on("SIGINT", () => {});
	process.on("SIGTERM", () => {});
	const env = { ...process.env, ...Object.fromEntries(urlVariables.map((variable) => [variable, server.url])) };
	const result = spawnSync(command[0], command.slice(1), { stdio: "inherit", env });
	server.stop();
	process.exit(result.status ?? 1);
}

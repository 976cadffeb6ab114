// vitest globalSetup when TEST_DB=mariadb (see vitest.config.ts): one MariaDB
// server for the whole run, stopped when the run ends, pass or fail.
// MARIADB_URL, if set, names a server to use instead (an account that may create databases).
import type { TestProject } from "vitest/node";
import { startMariadb } from "../../scripts/mariadb.mjs";

declare module "vitest" {
	export interface ProvidedContext {
		mariadbUrl: string;
	}
}

type Server = { url: string; stop(): void };

// vitest calls this for the root and for every project: they share one server.
const shared = globalThis as { testMariadb?: Promise<Server> };

export default async function setup(project: TestProject) {
	shared.testMariadb ??= process.env.MARIADB_URL ? Promise.resolve({ url: process.env.MARIADB_URL, stop() {} }) : startMariadb();
	const server = await shared.testMariadb;
	project.provide("mariadbUrl", server.url);
	return () => server.stop();
}

// vitest globalSetup when TEST_DB=postgres (see vitest.config.ts): one
// PostgreSQL server for the whole run, stopped when the run ends, pass or fail.
// POSTGRES_URL, if set, names a server to use instead (its superuser URL).
import type { TestProject } from "vitest/node";
import { startPostgres } from "../../scripts/postgres.mjs";

declare module "vitest" {
	export interface ProvidedContext {
		postgresUrl: string;
	}
}

type Server = { url: string; stop(): void };

// vitest calls this for the root and for every project: they share one server.
const shared = globalThis as { testPostgres?: Promise<Server> };

export default async function setup(project: TestProject) {
	shared.testPostgres ??= process.env.POSTGRES_URL
		? Promise.resolve({ url: process.env.POSTGRES_URL, stop() {} })
		: startPostgres();
	const server = await shared.testPostgres;
	project.provide("postgresUrl", server.url);
	return () => server.stop();
}

// vitest globalSetup for a database server (see vitest.config.ts): one server for
// the whole run, shared by the root and every project, stopped when the run
// ends, pass or fail. An environment variable may name a server to use instead.
import type { TestProject } from "vitest/node";

declare module "vitest" {
	export interface ProvidedContext {
		postgresUrl: string;
		mariadbUrl: string;
	}
}

type Server = { url: string; stop(): void };

// vitest calls the setup for the root and for every project: they share one server.
const shared = globalThis as { testServers?: Map<string, Promise<Server>> };

export function serverSetup(provided: "postgresUrl" | "mariadbUrl", urlVariable: string, start: () => Promise<Server>) {
	return async function setup(project: TestProject) {
		const servers = (shared.testServers ??= new Map());
		if (!servers.has(provided)) {
			const url = process.env[urlVariable];
			servers.set(provided, url ? Promise.resolve({ url, stop() {} }) : start());
		}
		const server = await servers.get(provided)!;
		project.provide(provided, server.url);
		return () => server.stop();
	};
}

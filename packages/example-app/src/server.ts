import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { createAuth, migrateAuth } from "./auth";
import { openDatabase } from "./database";
import { projectStore } from "./projects";

export interface RunningApp {
	url: string;
	close(): Promise<void>;
}

/** Migrates the database (DATABASE_URL: PostgreSQL; otherwise in-memory SQLite), then listens. */
export async function startApp({ port = 0, hostname = "127.0.0.1", databaseUrl = process.env.DATABASE_URL } = {}) {
	const database = openDatabase(databaseUrl);
	const auth = createAuth(database.connection);
	const projects = projectStore(database.sql);
	await migrateAuth(auth);
	await projects.migrate();
	const server = serve({ fetch: createApp(auth, projects).fetch, port, hostname }) as Server;
	await once(server, "listening");
	const address = server.address() as AddressInfo;
	return {
		url: `http://${hostname}:${address.port}`,
		async close() {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
			await database.close();
		},
	} satisfies RunningApp;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const app = await startApp({ port: Number(process.env.PORT ?? 3000) });
	console.log(`listening on ${app.url}`);
}

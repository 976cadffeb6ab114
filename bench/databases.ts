// Where the benchmarked servers keep their data: a SQLite file each in a temp
// dir, or a database each on a throwaway PostgreSQL server (scripts/postgres.mjs).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { Database } from "./protocol";

export interface DatabaseProvider {
	kind: Database["kind"];
	/** A new, empty database; `name` says whose it is. */
	create(name: string): Promise<Database>;
	close(): Promise<void>;
}

export function sqliteProvider(): DatabaseProvider {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-sqlite-"));
	let count = 0;
	return {
		kind: "sqlite",
		async create(name) {
			return { kind: "sqlite", file: path.join(dir, `${name}-${++count}.db`) };
		},
		async close() {
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}

export async function postgresProvider(): Promise<DatabaseProvider> {
	// A plain .mjs script without declarations: imported by name, typed here.
	const script = "../scripts/postgres.mjs";
	const { startPostgres } = (await import(script)) as { startPostgres(): Promise<{ url: string; stop(): void }> };
	const server = process.env.POSTGRES_URL ? { url: process.env.POSTGRES_URL, stop() {} } : await startPostgres();
	const admin = new pg.Pool({ connectionString: server.url, max: 1 });
	const created: string[] = [];
	return {
		kind: "postgres",
		async create(name) {
			const database = `bench_${name.replace(/\W/g, "_")}_${process.pid}_${created.length}`;
			await admin.query(`create database ${database}`);
			created.push(database);
			const url = new URL(server.url);
			url.pathname = `/${database}`;
			return { kind: "postgres", url: url.href };
		},
		// The servers are stopped by now; `force` ends connections they left behind.
		async close() {
			for (const database of created) await admin.query(`drop database if exists ${database} with (force)`);
			await admin.end();
			server.stop();
		},
	};
}

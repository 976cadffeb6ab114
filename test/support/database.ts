import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import mysql from "mysql2";
import type { Pool as PromisePool } from "mysql2/promise";
import pg from "pg";
import { expect, inject } from "vitest";

/** `TEST_DB=postgres` runs the suite on PostgreSQL (server from ./postgres-setup.ts); SQLite otherwise. */
export const onPostgres = process.env.TEST_DB === "postgres";
/** `TEST_DB=mariadb`: on MariaDB (server from ./mariadb-setup.ts), through Kysely's MySQL dialect. */
export const onMariadb = process.env.TEST_DB === "mariadb";

const newName = (prefix: string) => `${prefix}_${randomUUID().replaceAll("-", "")}`;

function databaseUrl(name: string): string {
	const url = new URL(inject("postgresUrl"));
	url.pathname = `/${name}`;
	return url.href;
}

let server: pg.Pool | undefined;

/** CREATE DATABASE on the test server: 20 ms on an idle machine, ten times that on a busy one. */
async function createOnServer(name: string): Promise<void> {
	server ??= new pg.Pool({ connectionString: inject("postgresUrl"), max: 1, allowExitOnIdle: true });
	await server.query(`CREATE DATABASE ${name}`);
}

/** The URL of a new, empty PostgreSQL database on the test server. */
export async function createPostgresDatabase(): Promise<string> {
	const name = newName("app");
	await createOnServer(name);
	return databaseUrl(name);
}

// One database per test file, created on first use. Its auth instances get a
// schema each: CREATE SCHEMA is instant, and migrations introspect every schema
// of the database, so they stay fast only if a database holds a file's
// instances, not the whole run's. Keyed by the file, not module state: files
// share a worker's modules when the suite runs without isolation.
const fileDatabases = new Map<string, { name: string; created: Promise<void> }>();

function fileDatabase(): { name: string; created: Promise<void> } {
	const file = expect.getState().testPath ?? "";
	let database = fileDatabases.get(file);
	if (!database) {
		const name = newName("test");
		database = { name, created: createOnServer(name) };
		fileDatabases.set(file, database);
	}
	return database;
}

/**
 * A pool whose connections work in a new schema of this file's database.
 * better-auth takes its database synchronously, so the pool exists at once
 * and hands out connections once the schema does.
 */
class PoolOnNewSchema extends pg.Pool {
	readonly #created: Promise<void>;

	constructor() {
		const schema = newName("auth");
		const database = fileDatabase();
		super({
			connectionString: databaseUrl(database.name),
			options: `-c search_path=${schema}`,
			max: 4,
			idleTimeoutMillis: 1_000,
			allowExitOnIdle: true,
		});
		this.#created = database.created.then(async () => {
			const client = await super.connect();
			try {
				await client.query(`CREATE SCHEMA ${schema}`);
			} finally {
				client.release();
			}
		});
	}

	// Kysely calls connect(); pg's own pool.query() calls the callback form.
	override connect(...args: unknown[]): any {
		const client = this.#created.then(() => super.connect());
		const callback = args[0];
		if (typeof callback !== "function") return client;
		client.then(
			(c) => callback(undefined, c, (error?: Error) => c.release(error)),
			(error) => callback(error),
		);
	}
}

let mariadbServer: mysql.Pool | undefined;

/**
 * A mysql2 promise pool (what better-auth takes for MySQL) on a new database of
 * the test server. Its connections switch to the database as they open, once it exists.
 */
function poolOnNewMariadbDatabase(): PromisePool {
	const name = newName("auth");
	mariadbServer ??= mysql.createPool({ uri: inject("mariadbUrl"), connectionLimit: 1 });
	const created = mariadbServer.promise().query(`CREATE DATABASE ${name}`);
	const pool = mysql.createPool({ uri: inject("mariadbUrl"), connectionLimit: 4, idleTimeout: 1_000, maxIdle: 0 });
	pool.on("connection", (connection) => connection.query(`USE ${name}`));
	const getConnection = pool.getConnection.bind(pool);
	pool.getConnection = ((callback: Parameters<typeof getConnection>[0]) => {
		created.then(() => getConnection(callback), (error) => callback(error, undefined as never));
	}) as typeof pool.getConnection;
	return pool.promise();
}

/** The database better-auth is given, new for each auth instance: in-memory SQLite, a PostgreSQL schema or a MariaDB database. */
export function createDatabase(): unknown {
	if (onMariadb) return poolOnNewMariadbDatabase();
	return onPostgres ? new PoolOnNewSchema() : new Database(":memory:");
}

/** Undoes a migration's column: for the tests of an app that has not migrated yet. */
export async function dropColumn(database: unknown, table: string, column: string): Promise<void> {
	if (database instanceof Database) database.exec(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
	else if (onMariadb) await (database as PromisePool).query(`ALTER TABLE \`${table}\` DROP COLUMN \`${column}\``);
	else await (database as PoolOnNewSchema).query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
}

// Whole-database snapshots, read with the database's own driver (not through
// better-auth), to prove that a call wrote nothing, or to put a world back as it was.
import type { TestAuth } from "./auth";

type Row = Record<string, unknown>;

/** Every table's rows, as the driver returns them, in a stable order. */
export type Snapshot = Record<string, Row[]>;

/** Columns left out of a snapshot, per table. */
export type IgnoredColumns = Record<string, readonly string[]>;

interface Driver {
	tables(): Promise<string[]>;
	rows(table: string): Promise<Row[]>;
	/** Replaces every table's rows with the snapshot's, in one transaction. */
	replace(snapshot: Snapshot): Promise<void>;
}

interface SqliteDatabase {
	prepare(sql: string): { all(...params: unknown[]): Row[]; run(...params: unknown[]): unknown };
	transaction(fn: () => void): () => void;
}

interface PgPool {
	query(sql: string, params?: unknown[]): Promise<{ rows: Row[] }>;
	connect(): Promise<{ query: PgPool["query"]; release(): void }>;
}

/** mysql2's promise pool. */
interface MysqlPool {
	query(sql: string, params?: unknown[]): Promise<[unknown, unknown]>;
	getConnection(): Promise<{ query(sql: string, params?: unknown[]): Promise<[unknown, unknown]>; release(): void }>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteMysql = (name: string) => `\`${name.replaceAll("`", "``")}\``;

function insertSql(table: string, row: Row, placeholder: (i: number) => string, quoteName = quote) {
	const columns = Object.keys(row);
	return `insert into ${quoteName(table)} (${columns.map(quoteName).join(", ")}) values (${columns.map((_, i) => placeholder(i)).join(", ")})`;
}

function sqlite(db: SqliteDatabase): Driver {
	return {
		async tables() {
			return db
				.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'")
				.all()
				.map((r) => r.name as string);
		},
		async rows(table) {
			return db.prepare(`select * from ${quote(table)}`).all();
		},
		async replace(snapshot) {
			db.transaction(() => {
				// Rows reference each other; check the references once all are back.
				db.prepare("pragma defer_foreign_keys = on").run();
				for (const table of Object.keys(snapshot)) db.prepare(`delete from ${quote(table)}`).run();
				for (const [table, rows] of Object.entries(snapshot)) {
					for (const row of rows) db.prepare(insertSql(table, row, () => "?")).run(...Object.values(row));
				}
			})();
		},
	};
}

/** Tables ordered so that every table comes after the tables it references. */
async function referenceOrder(pool: PgPool, tables: string[]) {
	const { rows } = await pool.query(
		"select conrelid::regclass::text as child, confrelid::regclass::text as parent from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace",
	);
	const unquote = (name: unknown) => String(name).replace(/^"|"$/g, "");
	const ordered: string[] = [];
	const visit = (table: string) => {
		if (ordered.includes(table)) return;
		for (const r of rows) if (unquote(r.child) === table && unquote(r.parent) !== table) visit(unquote(r.parent));
		ordered.push(table);
	};
	for (const table of tables) visit(table);
	return ordered.filter((t) => tables.includes(t));
}

function postgres(pool: PgPool): Driver {
	return {
		async tables() {
			const { rows } = await pool.query(
				"select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
			);
			return rows.map((r) => r.table_name as string);
		},
		async rows(table) {
			return (await pool.query(`select * from ${quote(table)}`)).rows;
		},
		async replace(snapshot) {
			const tables = Object.keys(snapshot);
			const client = await pool.connect();
			try {
				await client.query("begin");
				await client.query(`truncate ${tables.map(quote).join(", ")}`);
				for (const table of await referenceOrder(pool, tables)) {
					for (const row of snapshot[table]) await client.query(insertSql(table, row, (i) => `$${i + 1}`), Object.values(row));
				}
				await client.query("commit");
			} catch (error) {
				await client.query("rollback");
				throw error;
			} finally {
				client.release();
			}
		},
	};
}

function mariadb(db: MysqlPool): Driver {
	return {
		async tables() {
			const [rows] = await db.query("select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE'");
			return (rows as Row[]).map((r) => r.name as string);
		},
		async rows(table) {
			return (await db.query(`select * from ${quoteMysql(table)}`))[0] as Row[];
		},
		async replace(snapshot) {
			const connection = await db.getConnection();
			try {
				// Rows reference each other; InnoDB checks references per statement, so not until all are back.
				await connection.query("set foreign_key_checks = 0");
				await connection.query("start transaction");
				for (const table of Object.keys(snapshot)) await connection.query(`delete from ${quoteMysql(table)}`);
				for (const [table, rows] of Object.entries(snapshot)) {
					for (const row of rows) await connection.query(insertSql(table, row, () => "?", quoteMysql), Object.values(row));
				}
				await connection.query("commit");
			} catch (error) {
				await connection.query("rollback");
				throw error;
			} finally {
				await connection.query("set foreign_key_checks = 1");
				connection.release();
			}
		},
	};
}

function driver(auth: TestAuth): Driver {
	const database = (auth.options as { database: unknown }).database as Partial<SqliteDatabase & PgPool & MysqlPool>;
	if (typeof database.prepare === "function") return sqlite(database as SqliteDatabase);
	if (typeof database.getConnection === "function") return mariadb(database as MysqlPool);
	if (typeof database.query === "function" && typeof database.connect === "function") return postgres(database as PgPool);
	throw new Error("snapshot: unknown database driver (expected better-sqlite3, a pg Pool or a mysql2 pool)");
}

const stable = (row: Row) => JSON.stringify(row, (_k, v) => (v instanceof Date ? v.toISOString() : v));

/** All tables of the auth instance's database, minus the ignored columns, rows sorted. */
export async function snapshotTables(auth: TestAuth, ignored: IgnoredColumns = {}): Promise<Snapshot> {
	const db = driver(auth);
	const snapshot: Snapshot = {};
	for (const table of (await db.tables()).sort()) {
		const skip = ignored[table] ?? [];
		snapshot[table] = (await db.rows(table))
			.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !skip.includes(column))))
			.map((row) => [stable(row), row] as const)
			.sort(([a], [b]) => (a < b ? -1 : 1))
			.map(([, row]) => row);
	}
	return snapshot;
}

/** Puts the database back as a snapshot taken without ignored columns found it. */
export async function restoreTables(auth: TestAuth, snapshot: Snapshot): Promise<void> {
	await driver(auth).replace(snapshot);
}

/** Tables whose rows differ between two snapshots. */
export function changedTables(before: Snapshot, after: Snapshot): string[] {
	const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
	return [...tables].filter((t) => (before[t] ?? []).map(stable).join("\n") !== (after[t] ?? []).map(stable).join("\n"));
}

/** Serialized rows, so that rows can be compared as strings. */
export function serializedRows(snapshot: Snapshot, table: string): string[] {
	return (snapshot[table] ?? []).map(stable);
}

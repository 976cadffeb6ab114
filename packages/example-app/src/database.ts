import Database from "better-sqlite3";
import pg from "pg";

/** The few SQL calls the app's own tables need, the same on both databases. `?` marks a parameter. */
export interface Sql {
	query<Row>(text: string, values?: unknown[]): Promise<Row[]>;
}

export interface AppDatabase {
	/** What better-auth's `database` option is given. */
	connection: Database.Database | pg.Pool;
	sql: Sql;
	close(): Promise<void>;
}

/** PostgreSQL when a URL is given (DATABASE_URL), otherwise SQLite: an in-memory database unless a file is named. */
export function openDatabase(url = process.env.DATABASE_URL, sqliteFile = ":memory:"): AppDatabase {
	if (url) {
		const pool = new pg.Pool({ connectionString: url });
		return {
			connection: pool,
			sql: {
				async query(text, values = []) {
					let n = 0;
					return (await pool.query(text.replace(/\?/g, () => `$${++n}`), values)).rows;
				},
			},
			close: () => pool.end(),
		};
	}
	const db = new Database(sqliteFile);
	return {
		connection: db,
		sql: {
			async query<Row>(text: string, values: unknown[] = []) {
				const statement = db.prepare(text);
				if (statement.reader) return statement.all(...values) as Row[];
				statement.run(...values);
				return [];
			},
		},
		close: async () => {
			db.close();
		},
	};
}

import Database from "better-sqlite3";

/** The database better-auth is given: an in-memory SQLite database, new for each auth instance. */
export function createDatabase(): unknown {
	return new Database(":memory:");
}

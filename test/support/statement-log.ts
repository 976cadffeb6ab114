// Counts the SQL statements of one request with better-sqlite3's own `verbose`
// hook: every statement the driver executes, whichever layer built it.
import Database from "better-sqlite3";

export interface StatementLog {
	/** The database to give createTestAuth. */
	database: Database.Database;
	/** Runs `request` and returns the statements executed until the database went quiet. */
	record<T>(request: () => Promise<T>): Promise<{ result: T; statements: string[] }>;
}

/**
 * Values become `?`, so that statements of different worlds compare equal. The
 * driver writes a null value as `NULL`; Kysely writes the keyword in lower case.
 */
export function statementTemplate(sql: string): string {
	return sql
		.replace(/'(?:[^']|'')*'/g, "?")
		.replace(/(?<![\w"])-?\d+(?:\.\d+)?(?![\w"])/g, "?")
		.replace(/\bNULL\b/g, "?");
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * An in-memory SQLite database whose statements are recorded only inside
 * `record`. Work a request leaves in the background (better-auth's
 * runInBackground) still counts: recording stops once no statement came for a tick.
 */
export function createStatementLog(): StatementLog {
	let recording: string[] | null = null;
	const database = new Database(":memory:", { verbose: (sql) => recording?.push(statementTemplate(String(sql))) });
	return {
		database,
		async record(request) {
			const statements: string[] = [];
			recording = statements;
			try {
				const result = await request();
				let seen = -1;
				while (seen !== statements.length) {
					seen = statements.length;
					await tick();
				}
				return { result, statements };
			} finally {
				recording = null;
			}
		},
	};
}

/** A full-row update (1.4.x writes back every api-key column) shortened for printing. */
export function abbreviate(statement: string): string {
	return statement.replace(/ set (.+) where /, (whole, assignments: string) => {
		const columns = assignments.split(", ").length;
		return columns > 4 ? ` set … (${columns} columns) where ` : whole;
	});
}

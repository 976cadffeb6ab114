// Stands in for `node:sqlite` (Node ≥ 22.5) on Node 20: better-auth 1.7's
// getTestInstance opens `new DatabaseSync(":memory:")`; better-sqlite3 takes the
// same constructor and better-auth's kysely adapter drives it as SQLite.
export { default as DatabaseSync } from "better-sqlite3";

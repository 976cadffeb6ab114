import { randomUUID } from "node:crypto";
import type { Sql } from "./database";

export interface Project {
	id: string;
	organizationId: string;
	name: string;
	createdBy: string;
	createdAt: string;
}

const columns = `id, organization_id AS "organizationId", name, created_by AS "createdBy", created_at AS "createdAt"`;

/** The app's own data: projects, each belonging to an organization. */
export function projectStore(sql: Sql) {
	return {
		async migrate() {
			await sql.query(`CREATE TABLE IF NOT EXISTS project (
				id TEXT PRIMARY KEY,
				organization_id TEXT NOT NULL REFERENCES organization (id) ON DELETE CASCADE,
				name TEXT NOT NULL,
				created_by TEXT NOT NULL,
				created_at TEXT NOT NULL
			)`);
		},
		list(organizationId: string) {
			return sql.query<Project>(
				`SELECT ${columns} FROM project WHERE organization_id = ? ORDER BY created_at, id`,
				[organizationId],
			);
		},
		async create(input: { organizationId: string; name: string; createdBy: string }) {
			const [project] = await sql.query<Project>(
				`INSERT INTO project (id, organization_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING ${columns}`,
				[randomUUID(), input.organizationId, input.name, input.createdBy, new Date().toISOString()],
			);
			return project;
		},
	};
}

export type ProjectStore = ReturnType<typeof projectStore>;

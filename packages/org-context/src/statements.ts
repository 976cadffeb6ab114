// What a set of permissions (a key's, a role's) states, and whether one lies within another.
import type { KeyPermissions } from "./api-key-session";

/**
 * A key's stored permissions: JSON text in the database, an object once parsed.
 * Text that is no statements grants nothing: a key fails closed, never open.
 */
export function parseKeyPermissions(stored: unknown): KeyPermissions | null {
	if (stored === null || stored === undefined) return null;
	let value = stored;
	if (typeof stored === "string") {
		try {
			value = JSON.parse(stored);
		} catch {
			return {};
		}
	}
	if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
	const statements: KeyPermissions = {};
	for (const [resource, actions] of Object.entries(value)) {
		if (Array.isArray(actions) && actions.every((action) => typeof action === "string")) statements[resource] = actions;
	}
	return statements;
}

/**
 * Whether every resource and action of `permissions` is one `statements` grants
 * or defines. A resource listed with no action (the built-in member role's
 * `organization: []`) grants nothing, so it is within any statements.
 */
export function isWithin(statements: Record<string, readonly string[]>, permissions: Record<string, readonly string[]>): boolean {
	return Object.entries(permissions).every(([resource, actions]) =>
		actions.every((action) => Object.hasOwn(statements, resource) && statements[resource].includes(action)),
	);
}

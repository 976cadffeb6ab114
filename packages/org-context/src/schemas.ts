import type * as zod from "zod";

type Zod = typeof zod;

/** Generated ids are 32 characters; UUIDs 36. Anything past this is not an id. */
export const ORGANIZATION_ID_MAX_LENGTH = 256;

/**
 * An organization id or slug as a request may carry it. Bounded so that an
 * empty or oversized value is a 400 instead of a database query.
 * Takes the host's zod so the schema is built by the zod the endpoint validates with.
 */
export function organizationIdSchema(z: Zod) {
	return z.string().min(1).max(ORGANIZATION_ID_MAX_LENGTH);
}

/**
 * better-auth 1.4.x's body schema (an intersection with a union of objects with
 * `z.undefined()` keys) rejects every body from zod 4.4 on. This one accepts
 * exactly one of `permission` (deprecated) and `permissions` on every zod 4.
 */
export function hasPermissionBodySchema(z: Zod) {
	const statements = z.record(z.string(), z.array(z.string()));
	return z
		.object({
			organizationId: organizationIdSchema(z).optional(),
			permission: statements.optional(),
			permissions: statements.optional(),
		})
		.refine((body) => (body.permission === undefined) !== (body.permissions === undefined), {
			message: "Pass exactly one of permission and permissions",
		});
}

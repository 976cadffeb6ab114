import { APIError } from "better-call";

// Inputs upstream passes to the database unchecked, where they are 500s
// (for cookie sessions and API keys alike): each is a 400 here instead.

const invalid = (message: string) => new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });

interface MemberListContext {
	query?: Record<string, unknown>;
	context: { tables?: Record<string, { fields: Record<string, unknown> } | undefined> };
}

/** listMembers: sort and filter by a field of member, page by whole numbers. */
export function validateMemberListQuery(ctx: MemberListContext): void {
	const fields = new Set(["id", ...Object.keys(ctx.context.tables?.member?.fields ?? {})]);
	for (const key of ["sortBy", "filterField"]) {
		const value = ctx.query?.[key];
		if (value !== undefined && !fields.has(String(value))) throw invalid(`${key} must name a field of member`);
	}
	for (const key of ["limit", "offset"]) {
		const value = ctx.query?.[key];
		if (value !== undefined && !(Number.isSafeInteger(Number(value)) && Number(value) >= 0)) {
			throw invalid(`${key} must be a whole number, 0 or more`);
		}
	}
}

/** updateOrganization: `data` that names no field would be an UPDATE with nothing to set. */
export function requireFieldsToUpdate(data: Record<string, unknown>): void {
	if (Object.values(data).every((value) => value === undefined)) throw invalid("data names no field to update");
}

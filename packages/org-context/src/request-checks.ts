import { APIError } from "better-auth/api";

// Inputs upstream passes to the database unchecked, where they are 500s
// (for cookie sessions and API keys alike): each is a 400 here instead.

const invalid = (message: string) => new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });

interface QueryContext {
	query?: Record<string, unknown>;
	context: { tables?: Record<string, { fields: Record<string, unknown> } | undefined> };
}

/** The adapter throws for a sort or filter field its model does not have. */
function requireFieldOf(ctx: QueryContext, model: string, key: string): void {
	const value = ctx.query?.[key];
	if (value === undefined) return;
	const fields = new Set(["id", ...Object.keys(ctx.context.tables?.[model]?.fields ?? {})]);
	if (typeof value !== "string" || !fields.has(value)) throw invalid(`${key} must name a field of ${model}`);
}

const isWholeNumber = (value: unknown) => Number.isSafeInteger(Number(value)) && Number(value) >= 0;

/** The adapter takes a list for `in` and `not_in` only, and one value for every other operator. */
const LIST_OPERATORS = new Set(["in", "not_in"]);

/**
 * listMembers: sort and filter by a field of member, a list for list operators
 * only, page by whole numbers. For `in` and `not_in` one value is a list of one:
 * better-auth's client sends a one-element list as a plain `?filterValue=owner`,
 * and so may any query string; the adapter, which takes only a list there,
 * is handed one (upstream's `in` with one value was a 500).
 */
export function validateMemberListQuery(ctx: QueryContext): void {
	requireFieldOf(ctx, "member", "sortBy");
	requireFieldOf(ctx, "member", "filterField");
	const query = ctx.query ?? {};
	const { filterValue, filterOperator } = query;
	const listOperator = LIST_OPERATORS.has(String(filterOperator));
	if (Array.isArray(filterValue) && !listOperator) throw invalid("filterValue must be one value for operators other than in and not_in");
	if (listOperator && filterValue !== undefined && !Array.isArray(filterValue)) query.filterValue = [filterValue];
	for (const key of ["limit", "offset"]) {
		if (query[key] !== undefined && !isWholeNumber(query[key])) throw invalid(`${key} must be a whole number, 0 or more`);
	}
}

/**
 * getFullOrganization's membersLimit, as upstream reads it (a string that is no
 * number still means the default), but never a LIMIT the database refuses.
 */
export function membersLimitOf(query?: { membersLimit?: unknown }): unknown {
	const limit = query?.membersLimit;
	if (typeof limit === "number" && !Number.isNaN(limit) && !isWholeNumber(limit)) throw invalid("membersLimit must be a whole number, 0 or more");
	return limit;
}

/** listApiKeys' sortBy, checked to name a field of apikey. */
export function apiKeySortField(ctx: QueryContext): unknown {
	requireFieldOf(ctx, "apikey", "sortBy");
	return ctx.query?.sortBy;
}

/** updateOrganization: `data` that names no field would be an UPDATE with nothing to set. */
export function requireFieldsToUpdate(data: Record<string, unknown>): void {
	if (Object.values(data).every((value) => value === undefined)) throw invalid("data names no field to update");
}

/** Deeper than any body an endpoint takes. */
const MAX_BODY_DEPTH = 64;

/**
 * Visits each key of a JSON value at any depth, walked without recursion: a
 * value nested deeper than any body an endpoint takes is a 400, named `what`.
 */
export function forEachNestedKey(value: unknown, visit: (key: string) => void, what = "the request body"): void {
	const pending: [unknown, number][] = [[value, 0]];
	while (pending.length) {
		const [item, depth] = pending.pop() as [unknown, number];
		if (!item || typeof item !== "object") continue;
		if (depth >= MAX_BODY_DEPTH) throw invalid(`${what} is nested more than ${MAX_BODY_DEPTH} levels deep`);
		for (const [key, child] of Object.entries(item)) {
			visit(key);
			pending.push([child, depth + 1]);
		}
	}
}

/**
 * createOrganization and updateOrganization, every caller: the organization
 * plugin's adapter serializes metadata with JSON.stringify, whose recursion
 * overflows the stack on metadata nested thousands of levels deep (a 500,
 * nothing written). Runs in the plugin's middleware, before the endpoint.
 */
export function refuseDeepOrganizationMetadata(ctx: { path?: string; body?: unknown }): void {
	const body = ctx.body as { metadata?: unknown; data?: { metadata?: unknown } } | undefined;
	const metadata = ctx.path === "/organization/create" ? body?.metadata : ctx.path === "/organization/update" ? body?.data?.metadata : undefined;
	forEachNestedKey(metadata, () => {}, "metadata");
}

/**
 * The api-key plugin hands its hook's context, body included, to a recursive
 * merge: a body nested thousands of levels deep overflows the stack there (a
 * 500), where a cookie session's request gets zod's 400.
 */
export function refuseDeeplyNestedBody(body: unknown): void {
	forEachNestedKey(body, () => {});
}

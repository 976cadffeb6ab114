// 500s the suite found in upstream better-auth that the patch set does not fix (see
// upstream-500s.test.ts, which pins each as a failing test). The fuzz counts inputs
// matching these triggers apart instead of failing on them; any other 500 fails it.
const MEMBER_COLUMNS = ["id", "organizationId", "userId", "role", "createdAt"];
const UPDATABLE_ORGANIZATION_FIELDS = ["name", "slug", "logo", "metadata"];

const own = (input: unknown, key: string): unknown =>
	input && typeof input === "object" && Object.hasOwn(input, key) ? (input as Record<string, unknown>)[key] : undefined;

const notAColumn = (value: unknown) => value !== undefined && !MEMBER_COLUMNS.includes(String(value));
const fractional = (value: unknown) =>
	(typeof value === "number" || typeof value === "string") && Number.isFinite(Number(value)) && !Number.isSafeInteger(Number(value));

export const KNOWN_UPSTREAM_500S = {
	// BUG (upstream, every release): sortBy and filterField go to the adapter unchecked;
	// a name that is no column of member is a 500 ("Field x not found in model member").
	"listMembers sorted or filtered by no column": (endpoint: string, input: unknown) =>
		endpoint === "listMembers" && (notAColumn(own(input, "sortBy")) || notAColumn(own(input, "filterField"))),
	// BUG (upstream, every release): a fractional limit or offset reaches SQL ("datatype mismatch").
	"listMembers with a fractional limit or offset": (endpoint: string, input: unknown) =>
		endpoint === "listMembers" && (fractional(own(input, "limit")) || fractional(own(input, "offset"))),
	// BUG (upstream, every release): data naming no updatable field is an UPDATE with
	// nothing to set ('near "where": syntax error').
	"updateOrganization with nothing to update": (endpoint: string, input: unknown) => {
		const data = own(input, "data");
		return (
			endpoint === "updateOrganization" &&
			typeof data === "object" &&
			data !== null &&
			!Array.isArray(data) &&
			!UPDATABLE_ORGANIZATION_FIELDS.some((field) => own(data, field) !== undefined)
		);
	},
} as const;

export type KnownUpstream500 = keyof typeof KNOWN_UPSTREAM_500S;

/** The known upstream bug a 500 answer to this input is, if any. */
export function knownUpstream500(endpoint: string, input: unknown): KnownUpstream500 | undefined {
	return (Object.keys(KNOWN_UPSTREAM_500S) as KnownUpstream500[]).find((bug) => KNOWN_UPSTREAM_500S[bug](endpoint, input));
}

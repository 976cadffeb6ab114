import { APIError } from "better-auth/api";
import { boundOrganizationOf, type MockSession } from "./api-key-session";
import { organizationWithinBinding } from "./bound-key-scope";
import { apiKeyOrganizationError, USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION } from "./error-codes";
import { type AdapterContext, findMembership } from "./membership";

/**
 * The api-key table's column for the organization a key is bound to. `input: false`:
 * only createApiKey sets it, after checking membership; no update can move a key.
 */
export const BOUND_ORGANIZATION_FIELDS = {
	organizationId: { type: "string", required: false, input: false },
} as const;

export interface BindableApiKey {
	organizationId?: string | null;
}

/**
 * For a key bound to an organization, makes it the mock session's active
 * organization while, and only while, the key's user is a member: read from the
 * database on every request. Returns the binding and the member row read.
 */
export async function applyOrganizationBinding(ctx: AdapterContext, session: MockSession, apiKey: BindableApiKey) {
	const organizationId = apiKey.organizationId ?? null;
	if (!organizationId) return { organizationId };
	const member = await findMembership(ctx, session.user.id, organizationId);
	if (member) session.session.activeOrganizationId = organizationId;
	return { organizationId, member };
}

/** Adapters known to have the column: checked once per adapter, until it answers. */
const migrated = new WeakSet<object>();

/**
 * Before the app runs its migrations, binding a key would fail in the insert with
 * the database's own error (`table apikey has no column named organizationId`).
 * One read of the column tells first, and names the migration to run.
 */
async function requireBindingColumn(ctx: AdapterContext) {
	const adapter = ctx.context.adapter;
	if (migrated.has(adapter)) return;
	try {
		await adapter.findOne({ model: "apikey", where: [{ field: "organizationId", value: "" }] });
	} catch {
		throw new APIError("INTERNAL_SERVER_ERROR", apiKeyOrganizationError("API_KEY_ORGANIZATION_COLUMN_MISSING"));
	}
	migrated.add(adapter);
}

interface CreateApiKeyContext extends AdapterContext {
	body?: { organizationId?: string };
	context: AdapterContext["context"] & { session?: unknown };
}

/**
 * createApiKey: binds the new key to `body.organizationId` when its owner is a
 * member. A missing organization is refused like someone else's. A key created by
 * a bound key is bound to the same organization, so a bound key cannot mint a
 * wider one.
 */
export async function bindApiKeyToOrganization(ctx: CreateApiKeyContext, data: BindableApiKey, ownerId: string | undefined) {
	const organizationId = organizationWithinBinding(ctx, ctx.body?.organizationId) ?? boundOrganizationOf(ctx.context.session);
	if (!organizationId || !ownerId) return;
	if (!(await findMembership(ctx, ownerId, organizationId))) {
		throw new APIError("FORBIDDEN", {
			code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
			message: USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION,
		});
	}
	await requireBindingColumn(ctx);
	data.organizationId = organizationId;
}

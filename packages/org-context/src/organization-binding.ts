import { APIError } from "better-auth/api";
import { boundOrganizationOf, type MockSession } from "./api-key-session";
import { organizationWithinBinding } from "./bound-key-scope";
import { apiKeyOrganizationError, USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION } from "./error-codes";
import { type GrantContext, requireGrantablePermissions } from "./key-permissions";
import { parseKeyPermissions } from "./statements";
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
	/** JSON text, as the api-key plugin stores it. */
	permissions?: string | null;
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

interface CreateApiKeyContext extends AdapterContext, GrantContext {
	body?: { organizationId?: string; permissions?: Record<string, string[]> };
	request?: unknown;
	headers?: unknown;
	context: AdapterContext["context"] & GrantContext["context"] & { session?: unknown };
}

/** The organization a new key will be bound to: the one named, else the creating key's own. */
const organizationToBind = (ctx: CreateApiKeyContext) => organizationWithinBinding(ctx, ctx.body?.organizationId) ?? boundOrganizationOf(ctx.context.session);

/**
 * createApiKey's check that keeps `permissions` server-only: a client may set
 * them on a key it binds to an organization (user-owned), since there they can
 * only narrow what the key's role lets it do. Unbound keys keep upstream's rule.
 */
export function permissionsAreServerOnly(ctx: CreateApiKeyContext, permissions: unknown, options: { references?: string }): boolean {
	if (permissions === undefined) return false;
	return (options.references ?? "user") !== "user" || !organizationToBind(ctx);
}

/**
 * createApiKey: binds the new key to `body.organizationId` when its owner is a
 * member. A missing organization is refused like someone else's. A key created by
 * a bound key (one without permissions: a key with them creates none) is bound to
 * the same organization, so a bound key cannot mint a wider one. Permissions a
 * client sets on a bound key must be defined and granted by the owner's role.
 */
export async function bindApiKeyToOrganization(ctx: CreateApiKeyContext, data: BindableApiKey, ownerId: string | undefined) {
	const organizationId = organizationToBind(ctx);
	if (!organizationId || !ownerId) return;
	const requested = ctx.body?.permissions;
	const member = await findMembership(ctx, ownerId, organizationId);
	if (!member) {
		throw new APIError("FORBIDDEN", {
			code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
			message: USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION,
		});
	}
	if (requested !== undefined && (ctx.request || ctx.headers)) {
		await requireGrantablePermissions(ctx, member.role, organizationId, parseKeyPermissions(requested) ?? {});
	}
	await requireBindingColumn(ctx);
	data.organizationId = organizationId;
}

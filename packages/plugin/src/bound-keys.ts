import { APIError, getSessionFromCtx } from "better-auth/api";
import {
	applyOrganizationBinding,
	apiKeyOrganizationError,
	bindApiKeyToOrganization,
	boundOrganizationOf,
	keyWithinBinding,
	markApiKeySession,
	organizationWithinBinding,
	ORGANIZATION_ID_MAX_LENGTH,
	parseKeyPermissions,
	refuseBeyondKeyLimits,
	refuseOutsideKeyReach,
} from "better-auth-org-context/plugin";

/** What the app opens to keys bound to an organization, beyond the organization and api-key plugins' paths. */
export interface BoundKeyOptions {
	/** Paths a bound key may call besides the organization and api-key plugins' own, `/get-session` and `/token`. */
	allowPaths?: string[];
}

interface RequestSession {
	session: { id?: unknown; activeOrganizationId?: string | null } & Record<string, unknown>;
	user: { id: string } & Record<string, unknown>;
}

/** The api-key row's fields the binding and its reach read. */
interface KeyRow {
	id: string;
	organizationId?: string | null;
	referenceId?: string | null;
	permissions?: string | null;
	configId?: string | null;
	remaining?: number | null;
	expiresAt?: Date | string | null;
	rateLimitEnabled?: boolean | null;
	rateLimitMax?: number | null;
	rateLimitTimeWindow?: number | null;
}

type Where = { field: string; value: string }[];

export interface BoundKeyContext {
	path?: string;
	body?: unknown;
	query?: unknown;
	request?: unknown;
	headers?: unknown;
	context: {
		session?: unknown;
		returned?: unknown;
		adapter: {
			findOne<T>(query: { model: string; where: Where }): Promise<T | null>;
			update<T>(query: { model: string; where: Where; update: Record<string, unknown> }): Promise<T | null>;
			delete(query: { model: string; where: Where }): Promise<void>;
		};
		secondaryStorage?: { get(key: string): unknown };
	};
	json(body: Record<string, unknown>): unknown;
}

/**
 * Permissions cap a bound key's role only inside the organization plugin's permission
 * checks (its internal hasPermission), which no hook reaches: the plugin would bind
 * such a key with its user's whole role. It binds none and serves none.
 */
const PERMISSIONS_NEED_THE_PATCH = {
	code: "API_KEY_PERMISSIONS_NEED_THE_PATCH",
	message:
		"A key bound to an organization cannot carry permissions with the apiKeyOrganizations plugin alone: only the patch makes them cap the key's role",
};

const BINDING_NOT_WRITTEN = {
	code: "API_KEY_ORGANIZATION_BINDING_FAILED",
	message: "The key could not be bound to the organization, and was not created",
};

const byId = (id: string): Where => [{ field: "id", value: id }];

/**
 * The key's row, by the mock session's id (the api-key plugin gives it the key's id):
 * one indexed read per request. A key not in the database is one the api-key plugin
 * keeps in secondary storage alone, which no binding reaches (bindings are written to
 * the database, and a key whose binding could not be written is never shown), or one
 * deleted since the api-key plugin read it: that one is refused, since read as
 * unbound it would escape its binding for this request.
 */
async function readKeyRow(ctx: BoundKeyContext, id: string): Promise<KeyRow> {
	const row = await ctx.context.adapter.findOne<KeyRow>({ model: "apikey", where: byId(id) });
	if (row) return row;
	if (await ctx.context.secondaryStorage?.get(`api-key:by-id:${id}`)) return { id };
	throw new APIError("UNAUTHORIZED", { code: "INVALID_API_KEY", message: "Invalid API key." });
}

/** An id no key has: the endpoint then answers exactly as it does for a missing key, in its release's own code. */
const NO_KEY = "api-key-outside-this-keys-organization";

/**
 * getApiKey, updateApiKey, deleteApiKey by a bound key: a key outside its organization
 * is not there for it (one read of the key named). The endpoint is handed an id no
 * key has, so it answers as for a missing key.
 */
async function keepNamedKeyWithinBinding(ctx: BoundKeyContext) {
	const inQuery = ctx.path === "/api-key/get";
	if (!inQuery && ctx.path !== "/api-key/update" && ctx.path !== "/api-key/delete") return undefined;
	const input = ((inQuery ? ctx.query : ctx.body) ?? {}) as Record<string, unknown>;
	const field = inQuery ? "id" : "keyId";
	const named = input[field];
	// Not a string: the endpoint's own validation answers.
	if (typeof named !== "string") return undefined;
	const key = await ctx.context.adapter.findOne<KeyRow>({ model: "apikey", where: byId(named) });
	if (keyWithinBinding(ctx, key)) return undefined;
	return { [inQuery ? "query" : "body"]: { ...input, [field]: NO_KEY } };
}

/**
 * Every request by an API key: reads the key's binding, refuses a bound key outside
 * its reach (the patch's allowlist: the organization and api-key plugins, its own
 * session and token, the app's `allowPaths`) or beyond its own limits when it creates
 * or changes keys, makes its organization the session's active one while its user is
 * a member (one more read), and marks the session for the organization hook.
 * Returns the context to hand the endpoint, where a named key is outside the binding.
 */
export async function applyKeyBinding(ctx: BoundKeyContext, session: RequestSession, options: BoundKeyOptions) {
	const key = await readKeyRow(ctx, String(session.session.id));
	const organizationId = key.organizationId ?? null;
	if (!organizationId) {
		markApiKeySession(session, { boundOrganizationId: null, keyPermissions: null });
		return undefined;
	}
	if (parseKeyPermissions(key.permissions)) throw new APIError("FORBIDDEN", PERMISSIONS_NEED_THE_PATCH);
	refuseOutsideKeyReach(ctx, key, null, { allowPaths: options.allowPaths });
	// The api-key configuration's defaults are not the plugin's to read: a new key's limits are compared as the request sets them.
	refuseBeyondKeyLimits(ctx, key, {});
	const binding = await applyOrganizationBinding(ctx, session, key);
	markApiKeySession(session, { boundOrganizationId: organizationId, boundMember: binding.member, keyPermissions: null, limitsBind: true });
	if (ctx.path === "/api-key/list") refuseListBeyondBinding(ctx, key);
	return keepNamedKeyWithinBinding(ctx);
}

/**
 * listApiKeys by a bound key. Its user's keys are read, filtered, counted and paged
 * inside the endpoint, which the patch alone reaches: refused. From 1.5 on (a key
 * row has `referenceId` then), the keys an organization owns are listed by its
 * `organizationId`, and the endpoint lists that organization's alone: the bound
 * one's, no other (1.4.x has no such query, and would list its user's keys).
 */
function refuseListBeyondBinding(ctx: BoundKeyContext, key: KeyRow) {
	const named = (ctx.query as { organizationId?: unknown } | undefined)?.organizationId;
	if (typeof named !== "string" || !("referenceId" in key)) {
		throw new APIError("FORBIDDEN", apiKeyOrganizationError("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION"));
	}
	organizationWithinBinding(ctx, named);
}

const isOrganizationId = (value: unknown) => typeof value === "string" && value.length >= 1 && value.length <= ORGANIZATION_ID_MAX_LENGTH;

/**
 * createApiKey, before the endpoint writes: a key asked for with `organizationId`
 * (or created by a bound key, which binds it to its own organization) is refused
 * unless its owner (the session's user, or server-side `userId`) is a member: 403
 * alike for a missing organization and someone else's, nothing written. The
 * organization to bind is handed on in the body, for the after hook.
 */
export async function checkBindingBeforeCreate(ctx: BoundKeyContext) {
	const body = (ctx.body ?? {}) as { organizationId?: unknown; permissions?: unknown; userId?: unknown };
	if (body.organizationId === undefined && !boundOrganizationOf(ctx.context.session)) return undefined;
	if (body.organizationId !== undefined && !isOrganizationId(body.organizationId)) {
		throw new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message: "Invalid organizationId" });
	}
	if (body.permissions !== undefined) throw new APIError("BAD_REQUEST", PERMISSIONS_NEED_THE_PATCH);
	const session = (ctx.context.session ?? (await getSessionFromCtx(ctx as unknown as Parameters<typeof getSessionFromCtx>[0]))) as RequestSession | null;
	const ownerId = session?.user.id ?? (typeof body.userId === "string" ? body.userId : undefined);
	const binding: { organizationId?: string | null } = {};
	await bindApiKeyToOrganization({ ...ctx, body } as unknown as Parameters<typeof bindApiKeyToOrganization>[0], binding, ownerId);
	// No owner: the endpoint refuses the request itself.
	if (!binding.organizationId) return undefined;
	return { body: { ...body, organizationId: binding.organizationId } };
}

/**
 * createApiKey, after the endpoint wrote the key: writes the binding to its row
 * (the endpoint's insert takes no field of another plugin). Should that fail, or the
 * key carry permissions (a configuration's defaults), the key is deleted and the
 * answer is an error: its secret is only ever in this response, so a key whose
 * binding is not written is never usable by anyone, even if the delete fails too.
 */
export async function bindCreatedKey(ctx: BoundKeyContext) {
	const organizationId = (ctx.body as { organizationId?: unknown } | undefined)?.organizationId;
	const created = ctx.context.returned as KeyRow | undefined;
	if (typeof organizationId !== "string" || !created || created instanceof Error || typeof created.id !== "string") return undefined;
	// From 1.5 on, a configuration whose keys belong to organizations reads organizationId as the key's owner: no binding.
	if (created.referenceId === organizationId) return undefined;
	const { adapter } = ctx.context;
	try {
		if (created.permissions != null) throw new APIError("BAD_REQUEST", PERMISSIONS_NEED_THE_PATCH);
		const bound = await adapter.update<KeyRow>({ model: "apikey", where: byId(created.id), update: { organizationId } });
		if (bound?.organizationId !== organizationId) throw new APIError("INTERNAL_SERVER_ERROR", BINDING_NOT_WRITTEN);
	} catch (error) {
		await adapter.delete({ model: "apikey", where: byId(created.id) }).catch(() => undefined);
		throw error instanceof APIError ? error : new APIError("INTERNAL_SERVER_ERROR", BINDING_NOT_WRITTEN);
	}
	return ctx.json({ ...created, organizationId });
}

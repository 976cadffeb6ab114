// src/api-key-metadata.ts
import { APIError as APIError2 } from "better-auth/api";

// src/error-codes.ts
var API_KEY_ORGANIZATION_ERROR_CODES = {
  API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION: "An API key has no session to store an active organization in: pass organizationId with each request instead",
  API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM: "An API key has no session to store an active team in: pass teamId with each request instead",
  API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION: "This API key is bound to another organization",
  API_KEY_IS_BOUND_TO_ONE_ORGANIZATION: "This API key is bound to one organization: it cannot call endpoints that span organizations or act on its user's account",
  API_KEY_CANNOT_CHANGE_ORGANIZATION_SLUG: "A key bound to an organization cannot change its slug: whether a slug is taken would tell it about other organizations",
  API_KEY_IS_BOUND_TO_ITS_CONFIGURATION: "A key bound to an organization creates keys of its own configuration only",
  API_KEY_PERMISSIONS_NOT_DEFINED: "The key's permissions name a resource or action that the organization's access control does not define",
  API_KEY_PERMISSIONS_EXCEED_ROLE: "The key's permissions go beyond what your role in the organization grants",
  API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT: "This API key carries permissions, and none of them covers this endpoint: use a key without permissions, or a session",
  API_KEY_METADATA_HAS_RESERVED_KEY: "API key metadata may not hold a key named __proto__, constructor or prototype, at any depth",
  API_KEY_EXCEEDS_ITS_OWN_LIMITS: "An API key cannot create or change a key beyond its own limits: remaining requests, expiry, rate limit",
  API_KEY_USAGE_CONTENDED: "Too many requests are using this API key at the same moment: try again",
  API_KEY_ORGANIZATION_COLUMN_MISSING: "The apikey table has no organizationId column yet: run the database migrations (npx @better-auth/cli migrate, or generate) before binding keys to organizations"
};
var apiKeyOrganizationError = (code) => ({
  code,
  message: API_KEY_ORGANIZATION_ERROR_CODES[code]
});
var USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION = "User is not a member of the organization";

// src/request-checks.ts
import { APIError } from "better-auth/api";
var invalid = (message) => new APIError("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
function requireFieldOf(ctx, model, key) {
  const value = ctx.query?.[key];
  if (value === void 0) return;
  const fields = /* @__PURE__ */ new Set(["id", ...Object.keys(ctx.context.tables?.[model]?.fields ?? {})]);
  if (typeof value !== "string" || !fields.has(value)) throw invalid(`${key} must name a field of ${model}`);
}
function apiKeySortField(ctx) {
  requireFieldOf(ctx, "apikey", "sortBy");
  return ctx.query?.sortBy;
}
var MAX_BODY_DEPTH = 64;
function forEachNestedKey(value, visit, what = "the request body") {
  const pending = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop();
    if (!item || typeof item !== "object") continue;
    if (depth >= MAX_BODY_DEPTH) throw invalid(`${what} is nested more than ${MAX_BODY_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(item)) {
      visit(key);
      pending.push([child, depth + 1]);
    }
  }
}
function refuseDeeplyNestedBody(body) {
  forEachNestedKey(body, () => {
  });
}

// src/api-key-metadata.ts
var RESERVED_KEYS = /* @__PURE__ */ new Set(["__proto__", "constructor", "prototype"]);
function refuseReservedMetadataKeys(metadata) {
  forEachNestedKey(
    metadata,
    (key) => {
      if (RESERVED_KEYS.has(key)) throw new APIError2("BAD_REQUEST", apiKeyOrganizationError("API_KEY_METADATA_HAS_RESERVED_KEY"));
    },
    "metadata"
  );
}
function servableMetadata(metadata) {
  try {
    forEachNestedKey(metadata, () => {
    }, "metadata");
    return metadata;
  } catch {
    return null;
  }
}

// src/api-key-session-hook.ts
import { APIError as APIError10 } from "better-auth/api";

// src/api-key-session.ts
var API_KEY_SESSION = /* @__PURE__ */ Symbol.for("better-auth.api-key-session");
function markApiKeySession(session, mark) {
  return Object.assign(session, { [API_KEY_SESSION]: mark });
}
var markOf = (session) => session[API_KEY_SESSION];
function isApiKeySession(session) {
  return typeof session === "object" && session !== null && API_KEY_SESSION in session;
}
function boundOrganizationOf(session) {
  return isApiKeySession(session) ? markOf(session).boundOrganizationId : null;
}
function keyLimitsBind(session) {
  return isApiKeySession(session) && markOf(session).limitsBind === true;
}
function boundMemberRead(session, userId, organizationId) {
  if (!isApiKeySession(session) || session.user.id !== userId) return void 0;
  const mark = markOf(session);
  return mark.boundOrganizationId === organizationId ? mark.boundMember : void 0;
}

// src/statements.ts
function parseKeyPermissions(stored) {
  if (stored === null || stored === void 0) return null;
  let value = stored;
  if (typeof stored === "string") {
    try {
      value = JSON.parse(stored);
    } catch {
      return {};
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const statements = {};
  for (const [resource, actions] of Object.entries(value)) {
    if (Array.isArray(actions) && actions.every((action) => typeof action === "string")) statements[resource] = actions;
  }
  return statements;
}
function isWithin(statements, permissions) {
  return Object.entries(permissions).every(
    ([resource, actions]) => actions.every((action) => Object.hasOwn(statements, resource) && statements[resource].includes(action))
  );
}

// src/key-lineage.ts
import { APIError as APIError3 } from "better-auth/api";
var beyondItsLimits = () => new APIError3("FORBIDDEN", apiKeyOrganizationError("API_KEY_EXCEEDS_ITS_OWN_LIMITS"));
var expiryIn = (seconds) => seconds ? Date.now() + seconds * 1e3 : null;
var rateLimitOf = (enabled, max, window) => enabled && max != null && window != null ? { max, window } : null;
var remainingWithin = (parent, child) => parent === null || child !== null && child <= parent;
var expiryWithin = (parent, child) => parent === null || child !== null && child <= parent;
var rateLimitWithin = (parent, child) => parent === null || child !== null && child.max <= parent.max && child.window >= parent.window;
function refuseBeyondKeyLimits(ctx, apiKey, defaults) {
  if (ctx.path !== "/api-key/create" && ctx.path !== "/api-key/update") return;
  const body = ctx.body ?? {};
  const rateLimited = defaults.rateLimit?.enabled !== false;
  const own = {
    remaining: apiKey.remaining ?? null,
    expiresAt: apiKey.expiresAt ? new Date(apiKey.expiresAt).getTime() : null,
    rateLimit: rateLimited ? rateLimitOf(apiKey.rateLimitEnabled, apiKey.rateLimitMax, apiKey.rateLimitTimeWindow) : null
  };
  if (ctx.path === "/api-key/create") {
    const rateLimit = rateLimitOf(
      body.rateLimitEnabled ?? defaults.rateLimit?.enabled ?? true,
      body.rateLimitMax ?? defaults.rateLimit?.maxRequests,
      body.rateLimitTimeWindow ?? defaults.rateLimit?.timeWindow
    );
    const within = remainingWithin(own.remaining, body.remaining ?? null) && expiryWithin(own.expiresAt, expiryIn(body.expiresIn ?? defaults.keyExpiration?.defaultExpiresIn)) && rateLimitWithin(own.rateLimit, rateLimit);
    if (!within) throw beyondItsLimits();
    return;
  }
  const laxerRateLimit = own.rateLimit !== null && (body.rateLimitEnabled === false || body.rateLimitMax !== void 0 && body.rateLimitMax > own.rateLimit.max || body.rateLimitTimeWindow !== void 0 && body.rateLimitTimeWindow < own.rateLimit.window);
  const beyond = body.remaining !== void 0 && !remainingWithin(own.remaining, body.remaining) || body.expiresIn !== void 0 && !expiryWithin(own.expiresAt, expiryIn(body.expiresIn)) || laxerRateLimit;
  if (beyond) throw beyondItsLimits();
}
var hasExpired = (key) => key.expiresAt != null && new Date(key.expiresAt).getTime() <= Date.now();
function refuseRevivingKey(ctx, key) {
  if (ctx.path !== "/api-key/update" || !keyLimitsBind(ctx.context.session)) return;
  const body = ctx.body ?? {};
  const enables = body.enabled === true && key.enabled === false;
  const extendsExpired = body.expiresIn !== void 0 && hasExpired(key);
  if (enables || extendsExpired) throw beyondItsLimits();
}

// src/key-reach.ts
import { APIError as APIError4 } from "better-auth/api";
var ORGANIZATION_SCOPED_PLUGINS = ["organization", "api-key"];
var pathsByPlugins = /* @__PURE__ */ new WeakMap();
function pathsServedBy(plugins = [], ids) {
  const byIds = pathsByPlugins.get(plugins) ?? /* @__PURE__ */ new Map();
  pathsByPlugins.set(plugins, byIds);
  const known = byIds.get(ids.join());
  if (known) return known;
  const paths = /* @__PURE__ */ new Set();
  for (const plugin of plugins) {
    if (!ids.includes(plugin.id ?? "")) continue;
    for (const endpoint of Object.values(plugin.endpoints ?? {})) if (typeof endpoint?.path === "string") paths.add(endpoint.path);
  }
  byIds.set(ids.join(), paths);
  return paths;
}
function isWithinBoundKeyReach(ctx, allowed) {
  const path = ctx.path;
  if (!path) return false;
  if (path === "/get-session" || path === "/token" || pathsServedBy(ctx.context?.options?.plugins, ORGANIZATION_SCOPED_PLUGINS).has(path)) return true;
  return allowed.includes(path);
}
function isKeyManagementBeyondItself(ctx, apiKey) {
  if (ctx.path === "/api-key/create" || ctx.path === "/api-key/update") return true;
  return ctx.path === "/api-key/delete" && ctx.body?.keyId !== apiKey.id;
}
var configurationOf = (configId) => configId === void 0 || configId === null || configId === "default" ? "default" : configId;
var refuse = (code) => new APIError4("FORBIDDEN", apiKeyOrganizationError(code));
function refuseOutsideKeyReach(ctx, apiKey, keyPermissions, options) {
  const bound = !!apiKey.organizationId;
  const forKeysWithPermissions = options.allowPathsForKeysWithPermissions ?? [];
  if (bound && !isWithinBoundKeyReach(ctx, [...options.allowPaths ?? [], ...forKeysWithPermissions])) {
    throw refuse("API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
  }
  const configId = ctx.body?.configId;
  if (bound && ctx.path === "/api-key/create" && configurationOf(configId) !== configurationOf(apiKey.configId)) {
    throw refuse("API_KEY_IS_BOUND_TO_ITS_CONFIGURATION");
  }
  if (keyPermissions && (!isWithinBoundKeyReach(ctx, forKeysWithPermissions) || isKeyManagementBeyondItself(ctx, apiKey))) {
    throw refuse("API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
  }
}

// src/organization-binding.ts
import { APIError as APIError8 } from "better-auth/api";

// src/bound-key-scope.ts
import { APIError as APIError5 } from "better-auth/api";
function isWithinBinding(ctx, key) {
  const session = ctx.context.session;
  const bound = boundOrganizationOf(session);
  if (bound === null) return true;
  if (!boundMemberRead(session, session.user.id, bound)) return false;
  return key.organizationId === bound || key.referenceId === bound;
}
function keyWithinBinding(ctx, key) {
  if (!key || !isWithinBinding(ctx, key)) return null;
  refuseRevivingKey(ctx, key);
  return key;
}
function keysWithinBinding(ctx, keys) {
  return keys.filter((key) => isWithinBinding(ctx, key));
}
function organizationWithinBinding(ctx, organizationId) {
  const bound = boundOrganizationOf(ctx.context.session);
  if (bound !== null && organizationId !== void 0 && organizationId !== bound) {
    throw new APIError5("FORBIDDEN", apiKeyOrganizationError("API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION"));
  }
  return organizationId;
}

// src/key-permissions.ts
import { APIError as APIError7 } from "better-auth/api";
import { role } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

// src/delegation.ts
import { APIError as APIError6 } from "better-auth/api";
import { defaultRoles } from "better-auth/plugins/organization/access";

// src/key-permissions.ts
var ORGANIZATION_PERMISSION_CHECK = /* @__PURE__ */ Symbol.for("better-auth.organization-permission-check");
async function requireGrantablePermissions(ctx, memberRole, organizationId, permissions) {
  const organization = ctx.context.options.plugins?.find((plugin) => plugin.id === "organization");
  const check = organization?.[ORGANIZATION_PERMISSION_CHECK];
  const options = organization?.options ?? {};
  if (!check || !isWithin(options.ac?.statements ?? defaultStatements, permissions)) {
    throw new APIError7("BAD_REQUEST", apiKeyOrganizationError("API_KEY_PERMISSIONS_NOT_DEFINED"));
  }
  if (!await check({ role: memberRole, options, permissions, organizationId }, ctx)) {
    throw new APIError7("FORBIDDEN", apiKeyOrganizationError("API_KEY_PERMISSIONS_EXCEED_ROLE"));
  }
}

// src/membership.ts
async function findMembership(ctx, userId, organizationId) {
  const read = boundMemberRead(ctx.context.session, userId, organizationId);
  if (read !== void 0) return read;
  return ctx.context.adapter.findOne({
    model: "member",
    where: [
      { field: "userId", value: userId },
      { field: "organizationId", value: organizationId }
    ]
  });
}

// src/organization-binding.ts
var BOUND_ORGANIZATION_FIELDS = {
  organizationId: { type: "string", required: false, input: false }
};
async function applyOrganizationBinding(ctx, session, apiKey) {
  const organizationId = apiKey.organizationId ?? null;
  if (!organizationId) return { organizationId };
  const member = await findMembership(ctx, session.user.id, organizationId);
  if (member) session.session.activeOrganizationId = organizationId;
  return { organizationId, member };
}
var migrated = /* @__PURE__ */ new WeakSet();
async function requireBindingColumn(ctx) {
  const adapter = ctx.context.adapter;
  if (migrated.has(adapter)) return;
  try {
    await adapter.findOne({ model: "apikey", where: [{ field: "organizationId", value: "" }] });
  } catch {
    throw new APIError8("INTERNAL_SERVER_ERROR", apiKeyOrganizationError("API_KEY_ORGANIZATION_COLUMN_MISSING"));
  }
  migrated.add(adapter);
}
var organizationToBind = (ctx) => organizationWithinBinding(ctx, ctx.body?.organizationId) ?? boundOrganizationOf(ctx.context.session);
function permissionsAreServerOnly(ctx, permissions, options) {
  if (permissions === void 0) return false;
  return (options.references ?? "user") !== "user" || !organizationToBind(ctx);
}
async function bindApiKeyToOrganization(ctx, data, ownerId) {
  const organizationId = organizationToBind(ctx);
  if (!organizationId || !ownerId) return;
  const requested = ctx.body?.permissions;
  const member = await findMembership(ctx, ownerId, organizationId);
  if (!member) {
    throw new APIError8("FORBIDDEN", {
      code: "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION",
      message: USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION
    });
  }
  if (requested !== void 0 && (ctx.request || ctx.headers)) {
    await requireGrantablePermissions(ctx, member.role, organizationId, parseKeyPermissions(requested) ?? {});
  }
  await requireBindingColumn(ctx);
  data.organizationId = organizationId;
}

// src/requested-organization.ts
import { APIError as APIError9 } from "better-auth/api";

// src/schemas.ts
var ORGANIZATION_ID_MAX_LENGTH = 256;
function organizationIdSchema(z) {
  return z.string().min(1).max(ORGANIZATION_ID_MAX_LENGTH);
}

// src/requested-organization.ts
var input = (where, kind, ...path) => ({
  in: where,
  path,
  kind
});
var BODY_ID = input("body", "id", "organizationId");
var BODY_DATA_ID = input("body", "id", "data", "organizationId");
var BODY_SLUG = input("body", "slug", "organizationSlug");
var QUERY_ID = input("query", "id", "organizationId");
var QUERY_SLUG = input("query", "slug", "organizationSlug");
var EVERY_INPUT = [BODY_ID, BODY_DATA_ID, BODY_SLUG, QUERY_ID, QUERY_SLUG];
var ORGANIZATION_ENDPOINTS = {
  "/organization/has-permission": { reads: [BODY_ID] },
  "/organization/get-active-member": { reads: [QUERY_ID] },
  "/organization/get-active-member-role": { reads: [QUERY_ID, QUERY_SLUG] },
  "/organization/list-members": { reads: [QUERY_ID, QUERY_SLUG] },
  "/organization/update-member-role": { reads: [BODY_ID] },
  "/organization/remove-member": { reads: [BODY_ID] },
  "/organization/leave": { reads: [BODY_ID], required: true },
  "/organization/get-full-organization": { reads: [QUERY_ID, QUERY_SLUG] },
  "/organization/get-organization": { reads: [QUERY_ID, QUERY_SLUG] },
  "/organization/update": { reads: [BODY_ID] },
  "/organization/delete": { reads: [BODY_ID], required: true },
  "/organization/invite-member": { reads: [BODY_ID] },
  "/organization/list-invitations": { reads: [QUERY_ID] },
  "/organization/create-team": { reads: [BODY_ID] },
  "/organization/update-team": { reads: [BODY_DATA_ID] },
  "/organization/remove-team": { reads: [BODY_ID] },
  "/organization/list-teams": { reads: [QUERY_ID] },
  "/organization/add-team-member": { reads: [BODY_ID] },
  "/organization/remove-team-member": { reads: [BODY_ID] },
  "/organization/create-role": { reads: [BODY_ID] },
  "/organization/update-role": { reads: [BODY_ID] },
  "/organization/delete-role": { reads: [BODY_ID] },
  "/organization/get-role": { reads: [QUERY_ID] },
  "/organization/list-roles": { reads: [QUERY_ID] }
};
var inputName = (i) => `${i.in}.${i.path.join(".")}`;
function valueAt(source, path) {
  let value = source;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return void 0;
    value = value[key];
  }
  return value;
}
var invalid2 = (message) => new APIError9("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
function resolveNamedOrganization(request, path, endpoint) {
  const named = [];
  for (const candidate of EVERY_INPUT) {
    const value = valueAt(request[candidate.in], candidate.path);
    if (value === void 0) continue;
    if (!endpoint.reads.includes(candidate)) {
      throw invalid2(`${path} does not read ${inputName(candidate)}: name the organization by ${endpoint.reads.map(inputName).join(" or ")}`);
    }
    if (typeof value !== "string" || value.length === 0 || value.length > ORGANIZATION_ID_MAX_LENGTH) {
      throw invalid2(`${inputName(candidate)} must be one string of 1 to ${ORGANIZATION_ID_MAX_LENGTH} characters`);
    }
    named.push({ input: candidate, value });
  }
  if (named.length > 1) throw invalid2(`Name the organization once: ${named.map((n) => inputName(n.input)).join(" and ")} both name one`);
  const [only] = named;
  if (!only) return {};
  return only.input.kind === "id" ? { id: only.value } : { slug: only.value };
}

// src/api-key-session-hook.ts
function isBanned(user) {
  return user.banned === true && (!user.banExpires || new Date(user.banExpires).getTime() > Date.now());
}
async function prepareApiKeySession(ctx, session, apiKey, options) {
  const organizationKeys = options.organizationKeys ?? {};
  refuseDeeplyNestedBody(ctx.body);
  if (isBanned(session.user)) {
    throw new APIError10("FORBIDDEN", { code: "BANNED_USER", message: "You have been banned from this application" });
  }
  const capped = !!apiKey.organizationId || organizationKeys.capUnboundKeys === true;
  const keyPermissions = capped ? parseKeyPermissions(apiKey.permissions) : null;
  refuseOutsideKeyReach(ctx, apiKey, keyPermissions, organizationKeys);
  if (capped) refuseBeyondKeyLimits(ctx, apiKey, options);
  const endpoint = ORGANIZATION_ENDPOINTS[ctx.path ?? ""];
  if (endpoint) resolveNamedOrganization(ctx, ctx.path, endpoint);
  const binding = await applyOrganizationBinding(ctx, session, apiKey);
  return markApiKeySession(session, { boundOrganizationId: binding.organizationId, boundMember: binding.member, keyPermissions, limitsBind: capped });
}

// src/compare-and-set.ts
import { APIError as APIError11 } from "better-auth/api";
function canCompareAndSet(adapter, opts) {
  const type = adapter.options?.type;
  return adapter.id === "kysely" && (type === "sqlite" || type === "postgres" || type === "mysql") && !opts.deferUpdates;
}
async function guardedUpdate(adapter, query, asRead) {
  if (adapter.id !== "kysely" || adapter.options?.type !== "mysql") return adapter.update(query);
  if (await adapter.updateMany(query) === 0) return null;
  const row = await adapter.findOne({ model: query.model, where: query.where.filter((guard) => guard.field === "id") });
  return row ?? (asRead === void 0 ? null : { ...asRead, ...query.update });
}
var MOST_USAGE_CLAIM_ROUNDS = 100;
var usageContended = () => new APIError11("TOO_MANY_REQUESTS", apiKeyOrganizationError("API_KEY_USAGE_CONTENDED"));

// src/usage-claim.ts
function refillIsDue(key, now) {
  if (!key.refillInterval || !key.refillAmount) return false;
  return now.getTime() - new Date(key.lastRefillAt ?? key.createdAt).getTime() > key.refillInterval;
}
function compareAndSet(key, decision) {
  const now = /* @__PURE__ */ new Date();
  const where = [{ field: "id", value: key.id }];
  const update = { updatedAt: now };
  if (key.remaining !== null) {
    where.push({ field: "remaining", value: key.remaining }, { field: "lastRefillAt", value: key.lastRefillAt });
    if (refillIsDue(key, now)) Object.assign(update, { remaining: key.refillAmount - 1, lastRefillAt: now });
    else update.remaining = key.remaining - 1;
  }
  if (decision.type === "skip") {
    if (decision.lastRequest !== null) update.lastRequest = decision.lastRequest;
  } else {
    where.push({ field: "requestCount", value: key.requestCount }, { field: "lastRequest", value: key.lastRequest });
    const requestCount = decision.type === "increment" ? key.requestCount + 1 : 1;
    Object.assign(update, { requestCount, lastRequest: decision.now });
  }
  return { where, update };
}
var quotaSpent = (key) => key.remaining === 0 && !refillIsDue(key, /* @__PURE__ */ new Date());
async function claimUsageInOneWrite(ctx, { model, apiKey, opts, evaluateRateLimit }, upstreamClaim) {
  const adapter = ctx.context.adapter;
  if (!canCompareAndSet(adapter, opts)) return upstreamClaim();
  let key = apiKey;
  for (let round = 0; key && round < MOST_USAGE_CLAIM_ROUNDS; round++) {
    const decision = evaluateRateLimit(key, opts);
    if (decision.type === "deny" || quotaSpent(key)) return upstreamClaim();
    const claimed = await guardedUpdate(adapter, { model, ...compareAndSet(key, decision) }, key);
    if (claimed) return claimed;
    key = await adapter.findOne({ model, where: [{ field: "id", value: key.id }] });
  }
  if (!key) return upstreamClaim();
  throw usageContended();
}

// src/usage-guard.ts
var LostUsageClaim = class extends Error {
};
function guardsOf(observed, update) {
  const guards = [];
  if (observed.remaining != null && "remaining" in update) {
    guards.push({ field: "remaining", value: observed.remaining });
    if (observed.lastRefillAt != null && "lastRefillAt" in update) guards.push({ field: "lastRefillAt", value: observed.lastRefillAt });
  }
  if (observed.requestCount != null && "requestCount" in update) {
    guards.push({ field: "requestCount", value: observed.requestCount });
    if (observed.lastRequest != null) guards.push({ field: "lastRequest", value: observed.lastRequest });
  }
  return guards;
}
async function updateUsageIfUnchanged(ctx, observed, opts, query) {
  const adapter = ctx.context.adapter;
  const guards = guardsOf(observed, query.update);
  const fromDatabase = (opts.storage ?? "database") === "database";
  if (!guards.length || !fromDatabase || !canCompareAndSet(adapter, opts)) return adapter.update(query);
  const updated = await guardedUpdate(adapter, { ...query, where: [...query.where, ...guards] }, observed);
  if (!updated) throw new LostUsageClaim();
  return updated;
}
async function retryLostUsageClaims(validate) {
  for (let round = 1; ; round++) {
    try {
      return await validate();
    } catch (error) {
      if (!(error instanceof LostUsageClaim)) throw error;
      if (round === MOST_USAGE_CLAIM_ROUNDS) throw usageContended();
    }
  }
}
export {
  BOUND_ORGANIZATION_FIELDS,
  apiKeySortField,
  bindApiKeyToOrganization,
  claimUsageInOneWrite,
  keyWithinBinding,
  keysWithinBinding,
  organizationIdSchema,
  organizationWithinBinding,
  permissionsAreServerOnly,
  prepareApiKeySession,
  refuseReservedMetadataKeys,
  retryLostUsageClaims,
  servableMetadata,
  updateUsageIfUnchanged
};

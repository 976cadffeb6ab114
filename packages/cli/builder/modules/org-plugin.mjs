// src/api-key-session.ts
var API_KEY_SESSION = /* @__PURE__ */ Symbol.for("better-auth.api-key-session");
var markOf = (session) => session[API_KEY_SESSION];
function isApiKeySession(session) {
  return typeof session === "object" && session !== null && API_KEY_SESSION in session;
}
function boundOrganizationOf(session) {
  return isApiKeySession(session) ? markOf(session).boundOrganizationId : null;
}
function keyPermissionsOf(session) {
  return isApiKeySession(session) ? markOf(session).keyPermissions : null;
}
function boundMemberRead(session, userId, organizationId) {
  if (!isApiKeySession(session) || session.user.id !== userId) return void 0;
  const mark = markOf(session);
  return mark.boundOrganizationId === organizationId ? mark.boundMember : void 0;
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
function findOrganizationIdBySlug(ctx, slug) {
  return ctx.context.adapter.findOne({ model: "organization", where: [{ field: "slug", value: slug }] }).then((organization) => organization?.id ?? null);
}
function organizationOfSlugWithinBinding(session, found) {
  const bound = boundOrganizationOf(session);
  return found && (bound === null || found.id === bound) ? found : null;
}
async function membershipOfNamedOrganization(adapter, session, organizationIdOrSlug, isSlug) {
  const organizationId = isSlug ? organizationOfSlugWithinBinding(session, await adapter.findOrganizationBySlug(organizationIdOrSlug))?.id ?? organizationIdOrSlug : organizationIdOrSlug;
  return adapter.checkMembership({ userId: session.user.id, organizationId });
}

// src/request-body.ts
import { APIError } from "better-auth/api";
var INVALID_JSON_BODY = "Invalid JSON in request body";
function answerInvalidJsonWith400(request) {
  Reflect.defineProperty(request, "json", {
    configurable: true,
    value: async () => {
      const text = await request.text();
      try {
        return JSON.parse(text);
      } catch {
        throw new APIError("BAD_REQUEST", { message: INVALID_JSON_BODY, code: "BAD_REQUEST" });
      }
    }
  });
}

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
var NO_ACTIVE_ORGANIZATION_FOR_API_KEY = "No active organization: a request authenticated with an API key must pass organizationId";

// src/key-permissions.ts
import { APIError as APIError3 } from "better-auth/api";
import { role } from "better-auth/plugins/access";
import { defaultStatements } from "better-auth/plugins/organization/access";

// src/delegation.ts
import { APIError as APIError2 } from "better-auth/api";
import { defaultRoles } from "better-auth/plugins/organization/access";

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

// src/delegation.ts
var ROLE_GIVING_ENDPOINTS = {
  "/organization/update-member-role": async (_ctx, _organizationId, body) => [body.role],
  // resend: true extends and re-sends the invitation already pending for the e-mail, with the role it was made with.
  "/organization/invite-member": async (ctx, organizationId, body) => body.resend === true ? [body.role, ...await pendingInvitationRoles(ctx, organizationId, body.email)] : [body.role]
};
var roleNotFound = () => new APIError2("BAD_REQUEST", { code: "ROLE_NOT_FOUND", message: "Role not found" });
function rolesNamed(values) {
  const roles = values.flat().flatMap((role2) => typeof role2 === "string" ? role2.split(",") : []);
  if (roles.some((role2) => role2 === "" || role2 !== role2.trim())) throw roleNotFound();
  return roles;
}
async function pendingInvitationRoles(ctx, organizationId, email) {
  if (typeof email !== "string") return [];
  const invitations = await ctx.context.adapter.findMany({
    model: "invitation",
    where: [
      { field: "organizationId", value: organizationId },
      { field: "email", value: email.toLowerCase() },
      { field: "status", value: "pending" }
    ]
  });
  return invitations.map((invitation) => invitation.role);
}
async function grantsOf(ctx, input2, organizationId, role2) {
  const builtIn = input2.options?.roles ?? defaultRoles;
  const grants = [];
  if (Object.hasOwn(builtIn, role2)) grants.push(builtIn[role2].statements);
  if (input2.options?.dynamicAccessControl?.enabled) {
    const stored = await ctx.context.adapter.findOne({
      model: "organizationRole",
      where: [
        { field: "organizationId", value: organizationId },
        { field: "role", value: role2 }
      ]
    });
    if (stored) grants.push(parseKeyPermissions(stored.permission) ?? {});
  }
  return grants;
}
async function isOwnMemberRow(ctx, userId, organizationId, memberId) {
  if (typeof memberId !== "string") return false;
  const member = await ctx.context.adapter.findOne({
    model: "member",
    where: [{ field: "id", value: memberId }]
  });
  return member?.userId === userId && member.organizationId === organizationId;
}
function renamesRole(ctx) {
  const data = ctx.body?.data;
  return ctx.path === "/organization/update-role" && data?.roleName !== void 0;
}
var grantsRenaming = (input2, grant) => input2.options?.dynamicAccessControl?.enabled === true && (grant.ac ?? []).includes("update");
async function keyMayGiveRole(ctx, input2, cap, userId) {
  if (renamesRole(ctx)) return false;
  const roleOf = ROLE_GIVING_ENDPOINTS[ctx.path ?? ""];
  const organizationId = input2.organizationId;
  if (!roleOf || !organizationId) return true;
  const body = ctx.body ?? {};
  if (ctx.path === "/organization/update-member-role" && await isOwnMemberRow(ctx, userId, organizationId, body.memberId)) return false;
  const roles = rolesNamed(await roleOf(ctx, organizationId, body));
  if (roles.length === 0) throw roleNotFound();
  for (const role2 of roles) {
    const grants = await grantsOf(ctx, input2, organizationId, role2);
    if (grants.length === 0) throw roleNotFound();
    if (!grants.every((grant) => isWithin(cap, grant) && !grantsRenaming(input2, grant))) return false;
  }
  return true;
}

// src/key-permissions.ts
async function keyPermitsRequest(ctx, input2) {
  const cap = keyPermissionsOf(ctx?.context.session);
  if (!ctx || !cap) return true;
  const requested = input2.permissions ?? input2.permission;
  if (!requested) return true;
  if (!role(cap).authorize(requested).success) return false;
  return keyMayGiveRole(ctx, input2, cap, ctx.context.session.user.id);
}
var ORGANIZATION_PERMISSION_CHECK = /* @__PURE__ */ Symbol.for("better-auth.organization-permission-check");
function exposePermissionCheck(check) {
  return { [ORGANIZATION_PERMISSION_CHECK]: check };
}

// src/invitations.ts
import { APIError as APIError5 } from "better-auth/api";

// src/compare-and-set.ts
import { APIError as APIError4 } from "better-auth/api";
async function guardedUpdate(adapter, query, asRead) {
  if (adapter.id !== "kysely" || adapter.options?.type !== "mysql") return adapter.update(query);
  if (await adapter.updateMany(query) === 0) return null;
  const row = await adapter.findOne({ model: query.model, where: query.where.filter((guard) => guard.field === "id") });
  return row ?? (asRead === void 0 ? null : { ...asRead, ...query.update });
}

// src/invitations.ts
var invitationNotFound = () => new APIError5("BAD_REQUEST", { code: "INVITATION_NOT_FOUND", message: "Invitation not found" });
async function requireTeamsOfOrganization(adapter, teamId, organizationId) {
  for (const id of typeof teamId === "string" ? [teamId] : teamId) {
    if (!await adapter.findTeamById({ teamId: id, organizationId })) {
      throw new APIError5("BAD_REQUEST", { code: "TEAM_NOT_FOUND", message: "Team not found" });
    }
  }
}
async function claimPendingInvitation(ctx, invitationId) {
  const query = {
    model: "invitation",
    where: [
      { field: "id", value: invitationId },
      { field: "status", value: "pending" }
    ],
    update: { status: "accepted" }
  };
  const claimed = await guardedUpdate(ctx.context.adapter, query);
  if (!claimed) throw invitationNotFound();
  return claimed;
}

// src/organization-context.ts
import { APIError as APIError7 } from "better-auth/api";

// src/requested-organization.ts
import { APIError as APIError6 } from "better-auth/api";

// src/schemas.ts
var ORGANIZATION_ID_MAX_LENGTH = 256;
function organizationIdSchema(z) {
  return z.string().min(1).max(ORGANIZATION_ID_MAX_LENGTH);
}
function hasPermissionBodySchema(z) {
  const statements = z.record(z.string(), z.array(z.string()));
  return z.object({
    organizationId: organizationIdSchema(z).optional(),
    permission: statements.optional(),
    permissions: statements.optional()
  }).refine((body) => body.permission === void 0 !== (body.permissions === void 0), {
    message: "Pass exactly one of permission and permissions"
  });
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
var invalid = (message) => new APIError6("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
function resolveNamedOrganization(request, path, endpoint) {
  const named = [];
  for (const candidate of EVERY_INPUT) {
    const value = valueAt(request[candidate.in], candidate.path);
    if (value === void 0) continue;
    if (!endpoint.reads.includes(candidate)) {
      throw invalid(`${path} does not read ${inputName(candidate)}: name the organization by ${endpoint.reads.map(inputName).join(" or ")}`);
    }
    if (typeof value !== "string" || value.length === 0 || value.length > ORGANIZATION_ID_MAX_LENGTH) {
      throw invalid(`${inputName(candidate)} must be one string of 1 to ${ORGANIZATION_ID_MAX_LENGTH} characters`);
    }
    named.push({ input: candidate, value });
  }
  if (named.length > 1) throw invalid(`Name the organization once: ${named.map((n) => inputName(n.input)).join(" and ")} both name one`);
  const [only] = named;
  if (!only) return {};
  return only.input.kind === "id" ? { id: only.value } : { slug: only.value };
}

// src/organization-context.ts
var UNCHECKED_WRITES = /* @__PURE__ */ new Set(["/organization/leave", "/organization/create", "/organization/accept-invitation", "/organization/reject-invitation"]);
var REFUSED_FOR_API_KEYS = {
  "/organization/set-active": "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION",
  "/organization/set-active-team": "API_KEY_SESSION_CANNOT_SET_ACTIVE_TEAM"
};
function refuse(status, code) {
  return new APIError7(status, apiKeyOrganizationError(code));
}
var renamesSlug = (body) => body?.data?.slug !== void 0;
async function applyApiKeyOrganizationContext(ctx) {
  const session = ctx.context.session;
  if (!isApiKeySession(session)) return;
  const path = ctx.path ?? "";
  const refused = REFUSED_FOR_API_KEYS[path];
  if (refused) throw refuse("BAD_REQUEST", refused);
  if (keyPermissionsOf(session) && UNCHECKED_WRITES.has(path)) throw refuse("FORBIDDEN", "API_KEY_PERMISSIONS_DO_NOT_COVER_THIS_ENDPOINT");
  const endpoint = ORGANIZATION_ENDPOINTS[path];
  const bound = boundOrganizationOf(session);
  if (!endpoint) {
    if (bound !== null) throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ONE_ORGANIZATION");
    return;
  }
  const named = resolveNamedOrganization(ctx, path, endpoint);
  if (bound !== null) {
    const namedId = named.id ?? (named.slug ? await findOrganizationIdBySlug(ctx, named.slug) : bound);
    if (namedId !== bound) throw refuse("FORBIDDEN", "API_KEY_IS_BOUND_TO_ANOTHER_ORGANIZATION");
    if (path === "/organization/update" && renamesSlug(ctx.body)) throw refuse("FORBIDDEN", "API_KEY_CANNOT_CHANGE_ORGANIZATION_SLUG");
    session.session.activeOrganizationId = bound;
    return;
  }
  if (named.id) {
    session.session.activeOrganizationId = named.id;
    return;
  }
  if (!named.slug && !endpoint.required) {
    throw new APIError7("BAD_REQUEST", { code: "NO_ACTIVE_ORGANIZATION", message: NO_ACTIVE_ORGANIZATION_FOR_API_KEY });
  }
}
function skipsSessionWrites(ctx) {
  return isApiKeySession(ctx?.context.session);
}

// src/request-checks.ts
import { APIError as APIError8 } from "better-auth/api";
var invalid2 = (message) => new APIError8("BAD_REQUEST", { code: "VALIDATION_ERROR", message });
function requireFieldOf(ctx, model, key) {
  const value = ctx.query?.[key];
  if (value === void 0) return;
  const fields = /* @__PURE__ */ new Set(["id", ...Object.keys(ctx.context.tables?.[model]?.fields ?? {})]);
  if (typeof value !== "string" || !fields.has(value)) throw invalid2(`${key} must name a field of ${model}`);
}
var isWholeNumber = (value) => Number.isSafeInteger(Number(value)) && Number(value) >= 0;
var LIST_OPERATORS = /* @__PURE__ */ new Set(["in", "not_in"]);
function validateMemberListQuery(ctx) {
  requireFieldOf(ctx, "member", "sortBy");
  requireFieldOf(ctx, "member", "filterField");
  const query = ctx.query ?? {};
  const { filterValue, filterOperator } = query;
  const listOperator = LIST_OPERATORS.has(String(filterOperator));
  if (Array.isArray(filterValue) && !listOperator) throw invalid2("filterValue must be one value for operators other than in and not_in");
  if (listOperator && filterValue !== void 0 && !Array.isArray(filterValue)) query.filterValue = [filterValue];
  for (const key of ["limit", "offset"]) {
    if (query[key] !== void 0 && !isWholeNumber(query[key])) throw invalid2(`${key} must be a whole number, 0 or more`);
  }
}
function membersLimitOf(query) {
  const limit = query?.membersLimit;
  if (typeof limit === "number" && !Number.isNaN(limit) && !isWholeNumber(limit)) throw invalid2("membersLimit must be a whole number, 0 or more");
  return limit;
}
function requireFieldsToUpdate(data) {
  if (Object.values(data).every((value) => value === void 0)) throw invalid2("data names no field to update");
}
var MAX_BODY_DEPTH = 64;
function forEachNestedKey(value, visit, what = "the request body") {
  const pending = [[value, 0]];
  while (pending.length) {
    const [item, depth] = pending.pop();
    if (!item || typeof item !== "object") continue;
    if (depth >= MAX_BODY_DEPTH) throw invalid2(`${what} is nested more than ${MAX_BODY_DEPTH} levels deep`);
    for (const [key, child] of Object.entries(item)) {
      visit(key);
      pending.push([child, depth + 1]);
    }
  }
}
function refuseDeepOrganizationMetadata(ctx) {
  const body = ctx.body;
  const metadata = ctx.path === "/organization/create" ? body?.metadata : ctx.path === "/organization/update" ? body?.data?.metadata : void 0;
  forEachNestedKey(metadata, () => {
  }, "metadata");
}
export {
  API_KEY_ORGANIZATION_ERROR_CODES,
  answerInvalidJsonWith400,
  applyApiKeyOrganizationContext,
  claimPendingInvitation,
  exposePermissionCheck,
  findMembership,
  hasPermissionBodySchema,
  isApiKeySession,
  keyPermitsRequest,
  membersLimitOf,
  membershipOfNamedOrganization,
  organizationIdSchema,
  organizationOfSlugWithinBinding,
  refuseDeepOrganizationMetadata,
  requireFieldsToUpdate,
  requireTeamsOfOrganization,
  skipsSessionWrites,
  validateMemberListQuery
};

// ../patch-builder/src/build.ts
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path2 from "node:path";

// ../patch-builder/src/edits.ts
import path from "node:path";
function occurrences(text, find) {
  if (typeof find === "string") return text.split(find).length - 1;
  return [...text.matchAll(new RegExp(find.source, find.flags.includes("g") ? find.flags : `${find.flags}g`))].length;
}
function applyReplace(text, edit) {
  if (edit.within) {
    const regions = [...text.matchAll(new RegExp(edit.within.source, `${edit.within.flags.replace("g", "")}g`))];
    if (regions.length !== 1) throw new Error(`${edit.file}: expected 1 match of ${String(edit.within)}, found ${regions.length}`);
    const [region] = regions;
    const start = region.index ?? 0;
    const changed = applyReplace(region[0], { ...edit, within: void 0 });
    return text.slice(0, start) + changed + text.slice(start + region[0].length);
  }
  const expected = edit.count ?? 1;
  const found = occurrences(text, edit.find);
  if (expected === "some" ? found === 0 : found !== expected) {
    throw new Error(`${edit.file}: expected ${expected} match(es) of ${String(edit.find)}, found ${found}`);
  }
  if (typeof edit.find === "string") return text.split(edit.find).join(edit.replace);
  const global = new RegExp(edit.find.source, edit.find.flags.includes("g") ? edit.find.flags : `${edit.find.flags}g`);
  return text.replace(global, edit.replace);
}
function importLine(edit, modulePath) {
  let specifier = path.posix.relative(path.posix.dirname(edit.file), modulePath);
  if (!specifier.startsWith(".")) specifier = `./${specifier}`;
  return `import { ${edit.names.join(", ")} } from "${specifier}";
`;
}

// ../patch-builder/src/build.ts
var ROOT = path2.resolve(import.meta.dirname, "../../..");
var PRISTINE = path2.join(ROOT, ".cache/pristine");
var MODULES = path2.join(ROOT, "packages/org-context/dist");
function patchedFiles(patch, pristine, modules = MODULES) {
  const files = /* @__PURE__ */ new Map();
  const read = (file) => files.get(file) ?? fs.readFileSync(path2.join(pristine, file), "utf8");
  for (const edit of patch.replaces) {
    try {
      files.set(edit.file, applyReplace(read(edit.file), edit));
    } catch (error) {
      throw new Error(`${patch.id}: ${error.message}`);
    }
  }
  const importsByFile = /* @__PURE__ */ new Map();
  for (const edit of patch.imports) {
    const line = importLine(edit, patch.modules[`${edit.from}.mjs`] ?? missing(patch, edit.from));
    if (!importsByFile.get(edit.file)?.includes(line)) importsByFile.set(edit.file, (importsByFile.get(edit.file) ?? "") + line);
  }
  for (const [file, lines] of importsByFile) files.set(file, lines + read(file));
  for (const [built, target] of Object.entries(patch.modules)) {
    files.set(target, fs.readFileSync(path2.join(modules, built), "utf8"));
  }
  return files;
}
function missing(patch, from) {
  throw new Error(`${patch.id}: imports from ${from}, which the patch does not add`);
}
function renderPatch(patch, pristine, modules = MODULES) {
  const work = fs.mkdtempSync(path2.join(os.tmpdir(), "patch-builder-"));
  try {
    for (const [file, text] of patchedFiles(patch, pristine, modules)) {
      const before = path2.join(pristine, file);
      if (fs.existsSync(before)) {
        fs.mkdirSync(path2.dirname(path2.join(work, "a", file)), { recursive: true });
        fs.copyFileSync(before, path2.join(work, "a", file));
      }
      fs.mkdirSync(path2.dirname(path2.join(work, "b", file)), { recursive: true });
      fs.writeFileSync(path2.join(work, "b", file), text);
    }
    fs.mkdirSync(path2.join(work, "a"), { recursive: true });
    return gitDiff(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
function gitDiff(cwd) {
  try {
    execFileSync("git", ["diff", "--no-index", "--no-prefix", "--no-color", "--no-ext-diff", "a", "b"], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
    return "";
  } catch (error) {
    const e = error;
    if (e.status === 1 && e.stdout) return e.stdout.replace(/^diff --git b\/(\S+) b\/\1$/gm, "diff --git a/$1 b/$1");
    throw error;
  }
}
function toPatchPackage(id, pnpmPatch) {
  const prefix = `node_modules/${id.slice(0, id.lastIndexOf("@"))}/`;
  let inHeader = false;
  return pnpmPatch.split("\n").map((line) => {
    if (line.startsWith("diff --git ")) {
      inHeader = true;
      return line.replace(/ a\/(\S+) b\/(\S+)$/, ` a/${prefix}$1 b/${prefix}$2`);
    }
    if (line.startsWith("@@")) inHeader = false;
    if (inHeader && /^(---|\+\+\+) [ab]\//.test(line)) return line.replace(/^(---|\+\+\+) ([ab])\//, `$1 $2/${prefix}`);
    return line;
  }).join("\n");
}

// ../patch-builder/src/layout.ts
import fs2 from "node:fs";
import path3 from "node:path";
var ORGANIZATION_MARKERS = {
  call: "const orgMiddleware = createAuthMiddleware(",
  adapter: "setActiveOrganization: async (sessionToken",
  errorCodes: "const ORGANIZATION_ERROR_CODES = defineErrorCodes(",
  hasPermission: 'createAuthEndpoint("/organization/has-permission"',
  invites: 'createAuthEndpoint("/organization/invite-member"',
  members: 'createAuthEndpoint("/organization/list-members"',
  org: 'createAuthEndpoint("/organization/get-full-organization"',
  team: 'createAuthEndpoint("/organization/create-team"',
  accessControl: 'createAuthEndpoint("/organization/create-role"',
  schema: "const teamSchema = z.object(",
  membersTypes: 'StrictEndpoint<"/organization/get-active-member"',
  roleAuthorize: "const allowedActions = statements[requestedResource];",
  plugin: "hasPermission: createHasPermission(",
  permissionCheck: "const hasPermission = async (input, ctx) => {",
  roleCheck: "const hasPermissionFn = (input, acRoles) => {",
  router: "async onRequest(req) {"
};
var API_KEY_MARKERS = {
  plugin: 'if (ctx.path === "/get-session") return session;',
  schema: "const apiKeySchema = (",
  createRoute: 'createAuthEndpoint("/api-key/create"',
  getRoute: 'createAuthEndpoint("/api-key/get"',
  updateRoute: 'createAuthEndpoint("/api-key/update"',
  deleteRoute: 'createAuthEndpoint("/api-key/delete"',
  listRoute: 'createAuthEndpoint("/api-key/list"',
  validate: "async function validateApiKey(",
  optionsTypes: "enableSessionForAPIKeys?: boolean | undefined;"
};
var CREATE_TYPES = 'StrictEndpoint<"/api-key/create"';
var USAGE_CLAIM = "async function claimUsageInDatabase(";
var PackageFiles = class {
  constructor(id, root) {
    this.id = id;
    const walk = (dir) => {
      for (const entry of fs2.readdirSync(path3.join(root, dir), { withFileTypes: true })) {
        const file = path3.posix.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.(mjs|d\.mts)$/.test(entry.name)) this.files.set(file, fs2.readFileSync(path3.join(root, file), "utf8"));
      }
    };
    walk("dist");
  }
  id;
  files = /* @__PURE__ */ new Map();
  /** The files containing the marker. */
  containing(marker) {
    return [...this.files].filter(([, text]) => text.includes(marker)).map(([file]) => file);
  }
  /** The one file containing the marker. */
  locate(part, marker) {
    const found = this.containing(marker);
    if (found.length === 1) return found[0];
    throw new Error(`${this.id}: part "${part}" not located: its marker ${marker} is in ${found.length ? found.join(", ") : "no file"}`);
  }
  has(marker) {
    return this.containing(marker).length > 0;
  }
};
function locateAll(files, markers) {
  const entries = Object.entries(markers).map(([part, marker]) => [part, files.locate(part, marker)]);
  return Object.fromEntries(entries);
}
function organizationLayout(files) {
  return locateAll(files, ORGANIZATION_MARKERS);
}
function apiKeyLayout(files) {
  if (!files.has(API_KEY_MARKERS.createRoute)) return null;
  const createTypes = files.id.startsWith("better-auth@") ? files.locate("createTypes", CREATE_TYPES) : void 0;
  const usageClaim = files.has(USAGE_CLAIM) ? files.locate("usageClaim", USAGE_CLAIM) : void 0;
  return { ...locateAll(files, API_KEY_MARKERS), createTypes, usageClaim };
}

// ../patch-builder/src/versions.ts
function compareVersions(a, b) {
  const [x, y] = [a.split(".").map(Number), b.split(".").map(Number)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

// ../patch-builder/src/targets/api-key-plugin.ts
var API_KEY_PLUGIN = "api-key-plugin";
var literal = (code) => code.replaceAll("$", "$$$$");
var KEY_NOT_FOUND_CHECK = /if \(!(apiKey(?:\$1)?)(.*\) throw .*"NOT_FOUND".*KEY_NOT_FOUND)/g;
var KEY_LIST_READ = /((?:(?:let|const) )?apiKeys = )(await (?:ctx\.context\.adapter\.findMany\(\{[^;]*?\}\)|listApiKeys(?:\$1)?\(ctx, session\.user\.id, opts\)));/;
function countByFile(files) {
  const counts = /* @__PURE__ */ new Map();
  for (const file of files) counts.set(file, (counts.get(file) ?? 0) + 1);
  return [...counts];
}
function apiKeyPluginEdits(files, names) {
  const lookupRoutes = countByFile([files.getRoute, files.updateRoute, files.deleteRoute]);
  const metadataRoutes = countByFile([files.createRoute, files.updateRoute]);
  const imports = [
    { file: files.plugin, names: ["prepareApiKeySession"], from: API_KEY_PLUGIN },
    { file: files.schema, names: ["BOUND_ORGANIZATION_FIELDS"], from: API_KEY_PLUGIN },
    { file: files.createRoute, names: ["bindApiKeyToOrganization", "organizationIdSchema", "permissionsAreServerOnly"], from: API_KEY_PLUGIN },
    ...lookupRoutes.map(([file]) => ({ file, names: ["keyWithinBinding"], from: API_KEY_PLUGIN })),
    { file: files.listRoute, names: ["keysWithinBinding"], from: API_KEY_PLUGIN },
    ...metadataRoutes.map(([file]) => ({ file, names: ["refuseReservedMetadataKeys"], from: API_KEY_PLUGIN })),
    { file: files.schema, names: ["servableMetadata"], from: API_KEY_PLUGIN }
  ];
  const replaces = [
    {
      file: files.plugin,
      // The mock session's id is the verified key's: `apiKey`, or `apiKey$1` where the bundler renamed it.
      find: /(session: \{\n\t+id: (apiKey(?:\$1)?)\.id,\n[^]*?ctx\.context\.session = )session;(\n\t+if \(ctx\.path === "\/get-session"\) return session;)/,
      replace: `$1await prepareApiKeySession(ctx, session, $2, ${names.hookOptions});$3`
    },
    // A client may set permissions on a key it binds to an organization: there they only narrow its role.
    {
      file: files.createRoute,
      find: "permissions !== void 0 || remaining !== null",
      replace: "permissionsAreServerOnly(ctx, permissions, opts) || remaining !== null"
    },
    {
      file: files.optionsTypes,
      find: /(\n( +)enableSessionForAPIKeys\?: boolean \| undefined;\n)/,
      replace: `$1$2/** Added by the org-context patch set: what keys bound to an organization may call, and whether unbound keys' permissions cap their role too. */
$2organizationKeys?: {
$2  allowPaths?: string[] | undefined;
$2  allowPathsForKeysWithPermissions?: string[] | undefined;
$2  capUnboundKeys?: boolean | undefined;
$2} | undefined;
`
    },
    {
      file: files.schema,
      find: /(const apiKeySchema = \([^)]*\) => \(\{ apikey: \{ fields: \{\n)/,
      replace: "$1	...BOUND_ORGANIZATION_FIELDS,\n"
    },
    {
      file: files.createRoute,
      find: /\n(\t+)(if \(metadata\) data\.metadata = )/,
      replace: `
$1await bindApiKeyToOrganization(ctx, data, ${literal(names.owner)});
$1$2`
    },
    ...lookupRoutes.map(([file, count]) => ({
      file,
      find: KEY_NOT_FOUND_CHECK,
      replace: "if (!keyWithinBinding(ctx, $1)$2",
      count
    })),
    // Every caller: metadata with a __proto__, constructor or prototype key is a 400 before the write.
    ...metadataRoutes.map(([file, count]) => ({
      file,
      find: /(\n(\t+)if \(typeof metadata !== "object"\) throw [^\n]+)/g,
      replace: "$1\n$2refuseReservedMetadataKeys(metadata);",
      count
    })),
    // A row written with such metadata before the patch: its strict read threw on every list, get, verify
    // and request of the key (a 500). Read leniently, the key is dropped, as better-json drops it; nested
    // too deep to serialize, it is served as none.
    {
      file: files.schema,
      find: /(output\(value\) \{\n\t+if \(!value\) return null;\n\t+return )(parseJSON|parser_default)\(value\);/,
      replace: "$1servableMetadata($2(value, { strict: false }));"
    }
  ];
  if (files.createTypes) {
    replaces.push({
      file: files.createTypes,
      find: /(StrictEndpoint<"\/api-key\/create", \{\n {6}method: "POST";\n {6}body: (\w+)\.ZodObject<\{\n)/,
      replace: "$1        organizationId: $2.ZodOptional<$2.ZodString>;\n"
    });
  }
  return { imports, replaces };
}
function apiKeyPlugin14Edits(files) {
  const replaces = [
    { file: files.listRoute, find: KEY_LIST_READ, replace: "$1keysWithinBinding(ctx, $2);" },
    {
      file: files.createRoute,
      find: /(userId: z\.coerce\.string\(\)\.meta\(\{ description: "User Id of the user that the Api Key belongs to\. server-only\. Eg: \\"user-id\\"" \}\)\.optional\(\),)/,
      replace: 'organizationId: organizationIdSchema(z).meta({ description: "The organization the key is bound to; its user must be a member. Eg: \\"org-id\\"" }).optional(),\n	$1'
    }
  ];
  return { imports: [], replaces };
}
function apiKeyPlugin15Edits(files) {
  const imports = [{ file: files.listRoute, names: ["apiKeySortField", "organizationWithinBinding"], from: API_KEY_PLUGIN }];
  const replaces = [
    // every caller: a sortBy that names no field of apikey was a 500 from the adapter
    { file: files.listRoute, find: "sortBy: ctx.query?.sortBy,", replace: "sortBy: apiKeySortField(ctx),", count: 2 },
    { file: files.listRoute, find: "let filteredApiKeys = allApiKeys.filter(", replace: "let filteredApiKeys = keysWithinBinding(ctx, allApiKeys).filter(" },
    {
      file: files.listRoute,
      find: "const organizationId = ctx.query?.organizationId;",
      replace: "const organizationId = organizationWithinBinding(ctx, ctx.query?.organizationId);"
    },
    {
      file: files.createRoute,
      // zod is `z`, or `z$1` where the bundler renamed it
      find: /organizationId: (z(?:\$1)?)\.coerce\.string\(\)\.meta\(\{/,
      replace: "organizationId: organizationIdSchema($1).meta({"
    }
  ];
  return { imports, replaces };
}
function apiKeyUsageClaimEdits(files) {
  const imports = [{ file: files.usageClaim, names: ["claimUsageInOneWrite"], from: API_KEY_PLUGIN }];
  const replaces = [
    {
      file: files.usageClaim,
      find: /(async function claimUsageInDatabase\(\{ ctx, apiKey, opts, hashedKey \}\) \{\n)(\tlet row = apiKey;\n[^]*?)const finalRow = (await ctx\.context\.adapter\.update\(\{\n\t\tmodel: (API_KEY_TABLE_NAME),[^]*?update: \{ updatedAt: [^}]*\}\n\t\}\));\n/,
      replace: "$1	const finalRow = await claimUsageInOneWrite(ctx, { model: $4, apiKey, opts, evaluateRateLimit }, async () => {\n$2return $3;\n	});\n"
    }
  ];
  return { imports, replaces };
}
var VALIDATE_API_KEY = /async function validateApiKey\([^]*?\n\}\n/;
function apiKeyUsageGuardEdits(files) {
  const imports = [{ file: files.validate, names: ["retryLostUsageClaims", "updateUsageIfUnchanged"], from: API_KEY_PLUGIN }];
  const replaces = [
    {
      file: files.validate,
      within: VALIDATE_API_KEY,
      // the key as read is `apiKey`, or `apiKey$1` where the bundler renamed it
      find: /ctx\.context\.adapter\.update\(\{(\n\t+model: API_KEY_TABLE_NAME,\n\t+where: \[\{\n\t+field: "id",\n\t+value: (apiKey(?:\$1)?)\.id\n)/,
      replace: "updateUsageIfUnchanged(ctx, $2, opts, {$1",
      count: "some"
    },
    {
      file: files.validate,
      find: "async function validateApiKey(",
      replace: "async function validateApiKey(input) {\n	return retryLostUsageClaims(() => validateApiKeyOnce(input));\n}\nasync function validateApiKeyOnce("
    }
  ];
  return { imports, replaces };
}

// ../patch-builder/src/targets/kysely-adapter.ts
var RESULT_LIST_LENGTH = "return (await query.execute()).length;";
function updateManyCountEdits(files) {
  return {
    imports: [],
    replaces: [
      {
        file: files.locate("kyselyAdapter", RESULT_LIST_LENGTH),
        within: /async updateMany\(\{ model, where, update: values \}\) \{[\s\S]*?\n\t+\},/,
        find: RESULT_LIST_LENGTH,
        replace: 'return config?.type === "mysql" ? Number((await query.executeTakeFirst()).numUpdatedRows) : (await query.execute()).length;'
      }
    ]
  };
}

// ../patch-builder/src/targets/organization-plugin.ts
var thrown = (style, status, code) => style === "message" ? `new APIError("${status}", { message: ORGANIZATION_ERROR_CODES.${code} })` : `APIError.from("${status}", ORGANIZATION_ERROR_CODES.${code})`;
var ORG_PLUGIN = "org-plugin";
var NO_ORGANIZATION_ID = "no organization has this slug";
var refuseAsOutsider = (error) => `{
		await adapter.setActiveOrganization(session.session.token, null, ctx);
		throw ${error};
	}`;
function slugNamingNothingEdit(file, slug, notFound, count) {
  return {
    file,
    find: new RegExp(
      `(findOrganizationBySlug\\(${slug}\\);)\\n\\t+if \\(!(organization(?:\\$\\d)?)\\) throw ${escapeRegExp(notFound)};\\n(\\t+)organizationId = \\2\\.id;`,
      "g"
    ),
    replace: `$1
$3organizationId = organizationOfSlugWithinBinding(ctx.context.session, $2)?.id ?? "${NO_ORGANIZATION_ID}";`,
    count
  };
}
function organizationPluginEdits(files, style) {
  const routeFiles = [
    .../* @__PURE__ */ new Set([files.org, files.members, files.invites, files.team, files.accessControl, files.schema])
  ];
  const imports = [
    { file: files.call, names: ["applyApiKeyOrganizationContext", "refuseDeepOrganizationMetadata"], from: ORG_PLUGIN },
    { file: files.adapter, names: ["skipsSessionWrites"], from: ORG_PLUGIN },
    { file: files.errorCodes, names: ["API_KEY_ORGANIZATION_ERROR_CODES"], from: ORG_PLUGIN },
    { file: files.invites, names: ["isApiKeySession"], from: ORG_PLUGIN },
    { file: files.hasPermission, names: ["findMembership"], from: ORG_PLUGIN },
    { file: files.members, names: ["validateMemberListQuery"], from: ORG_PLUGIN },
    { file: files.org, names: ["requireFieldsToUpdate"], from: ORG_PLUGIN },
    // one line per file, so that a release whose members and org routes share a chunk imports it once
    ...[files.members, files.org].map((file) => ({ file, names: ["organizationOfSlugWithinBinding"], from: ORG_PLUGIN })),
    { file: files.plugin, names: ["exposePermissionCheck"], from: ORG_PLUGIN },
    { file: files.permissionCheck, names: ["keyPermitsRequest"], from: ORG_PLUGIN },
    ...routeFiles.map((file) => ({ file, names: ["organizationIdSchema"], from: ORG_PLUGIN }))
  ];
  const notFound = thrown(style, "BAD_REQUEST", "ORGANIZATION_NOT_FOUND");
  const notMember = thrown(style, "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION");
  const replaces = [
    {
      file: files.call,
      find: "const orgMiddleware = createAuthMiddleware(async () => {\n",
      // Every caller: createOrganization and updateOrganization use this middleware.
      replace: "const orgMiddleware = createAuthMiddleware(async (ctx) => {\n	refuseDeepOrganizationMetadata(ctx);\n	await applyApiKeyOrganizationContext(ctx);\n"
    },
    {
      file: files.call,
      find: "createAuthMiddleware({ use: [sessionMiddleware] }, async (ctx) => {\n",
      replace: "createAuthMiddleware({ use: [sessionMiddleware] }, async (ctx) => {\n	await applyApiKeyOrganizationContext(ctx);\n"
    },
    {
      file: files.adapter,
      find: /(setActive(?:Organization|Team): async \(sessionToken, (?:organizationId|teamId), ctx\) => \{\n)/,
      replace: "$1			if (skipsSessionWrites(ctx)) return null;\n",
      count: 2
    },
    {
      file: files.errorCodes,
      find: "const ORGANIZATION_ERROR_CODES = defineErrorCodes({\n",
      replace: "const ORGANIZATION_ERROR_CODES = defineErrorCodes({\n	...API_KEY_ORGANIZATION_ERROR_CODES,\n"
    },
    // A key's own permissions cap its role, and what it may give: the check every endpoint's permission check makes first.
    {
      file: files.permissionCheck,
      find: "const hasPermission = async (input, ctx) => {\n",
      replace: "const hasPermission = async (input, ctx) => {\n	if (!(await keyPermitsRequest(ctx, input))) return false;\n"
    },
    // The api-key plugin checks the permissions a client sets on a key with the organization's own hasPermission.
    { file: files.plugin, find: 'id: "organization",\n', replace: 'id: "organization",\n		...exposePermissionCheck(hasPermission),\n' },
    // acceptInvitation: an API-key session has no session row to set the team on.
    { file: files.invites, find: "if (onlyOne) {", replace: "if (onlyOne && !isApiKeySession(session)) {" },
    // A missing organization answers like someone else's, so ids cannot be probed: the same
    // 403, and the same reset of the caller's active organization (a write a probe could see).
    {
      file: files.org,
      find: new RegExp(
        `(adapter\\.findFullOrganization\\(\\{[^}]*\\}\\);\\n\\tif \\(!organization(?:\\$1)?\\) )throw ${escapeRegExp(notFound)};`
      ),
      replace: `$1${refuseAsOutsider(notMember)}`
    },
    {
      file: files.members,
      find: /("\/organization\/get-active-member", \{\n\tmethod: "GET",\n)/,
      replace: "$1	query: z.object({ organizationId: organizationIdSchema(z).optional() }).optional(),\n"
    },
    // A slug that names no organization goes on to the membership read with an id no organization
    // has, so it answers like someone else's, with the same statements: listMembers and
    // getActiveMemberRole (a query slug); setActiveOrganization (a body slug), whose 403 also
    // clears the active organization, as for someone else's.
    slugNamingNothingEdit(files.members, "ctx\\.query\\?\\.organizationSlug", notFound, 2),
    slugNamingNothingEdit(files.org, "organizationSlug", notFound, 1),
    // hasPermission needs the member's role only: upstream's lookup joined the user, a
    // second read of the row the session already holds (one statement less per call).
    {
      file: files.hasPermission,
      find: /getOrgAdapter\(ctx\.context, options\)\.findMemberByOrgId\(\{\s*userId: ctx\.context\.session\.user\.id,\s*organizationId: activeOrganizationId\s*\}\)/,
      replace: "findMembership(ctx, ctx.context.session.user.id, activeOrganizationId)"
    },
    // Upstream 500s on bad input, every caller: checked before the query that fails.
    {
      file: files.members,
      find: "const { members, total } = await adapter.listMembers({",
      replace: "validateMemberListQuery(ctx);\n	const { members, total } = await adapter.listMembers({"
    },
    {
      file: files.org,
      find: "const updatedOrg = await adapter.updateOrganization(organizationId, ctx.body.data);",
      replace: "requireFieldsToUpdate(ctx.body.data);\n		const updatedOrg = await adapter.updateOrganization(organizationId, ctx.body.data);"
    },
    // Explicit, else active, as listMembers and getActiveMemberRole resolve it, for every caller.
    {
      file: files.members,
      find: "const organizationId = session.session.activeOrganizationId;",
      replace: "const organizationId = ctx.query?.organizationId || session.session.activeOrganizationId;"
    },
    {
      file: files.membersTypes,
      find: /(StrictEndpoint<"\/organization\/get-active-member", \{\n {2}method: "GET";\n)/,
      replace: '$1  query: import("zod").ZodOptional<import("zod").ZodObject<{\n    organizationId: import("zod").ZodOptional<import("zod").ZodString>;\n  }, import("zod/v4/core").$strip>>;\n'
    },
    ...routeFiles.map((file) => ({
      file,
      find: /(organization(?:Id|Slug)): z\.string\(\)/g,
      replace: "$1: organizationIdSchema(z)",
      count: "some"
    }))
  ];
  return { imports, replaces };
}
function invitedTeamEdits(files) {
  const imports = [{ file: files.invites, names: ["requireTeamsOfOrganization"], from: ORG_PLUGIN }];
  const replaces = [
    {
      file: files.invites,
      find: /(\n(\t+)if \(\(await adapter\.findPendingInvitations\(\{ organizationId \}\)\)\.length >= invitationLimit\) throw [^\n]+)/,
      replace: "$1\n$2if (ctx.context.orgOptions.teams?.enabled && ctx.body.teamId) await requireTeamsOfOrganization(adapter, ctx.body.teamId, organizationId);"
    }
  ];
  return { imports, replaces };
}
function outsiderEdits(files, style) {
  const imports = [{ file: files.org, names: ["membersLimitOf", "membershipOfNamedOrganization"], from: ORG_PLUGIN }];
  const memberNotFound = thrown(style, "BAD_REQUEST", "MEMBER_NOT_FOUND");
  const replaces = [
    {
      // A role named after an Object.prototype member (`toString`, which 1.4.x lets a member be given) found
      // the function, whose missing authorize was then called.
      file: files.roleCheck,
      find: "if ((acRoles[role]?.authorize(",
      replace: "if (((Object.hasOwn(acRoles, role) ? acRoles[role] : void 0)?.authorize("
    },
    {
      file: files.roleAuthorize,
      find: "const allowedActions = statements[requestedResource];",
      replace: "const allowedActions = Object.hasOwn(statements, requestedResource) ? statements[requestedResource] : void 0;"
    },
    { file: files.org, find: "membersLimit: ctx.query?.membersLimit", replace: "membersLimit: membersLimitOf(ctx.query)" },
    {
      // The membership read moves before the load, and the load reuses it: no statement more for a member by
      // id. The load is by the member row's organization: a second slug lookup could find another by then.
      file: files.org,
      find: /(\tconst (organization(?:\$1)?) = await adapter\.findFullOrganization\(\{\n)\t\torganizationId,\n\t\tisSlug: !!ctx\.query\?\.organizationSlug,\n([^]*?)await adapter\.checkMembership\(\{\s*userId: session\.user\.id,\s*organizationId: \2\.id\s*\}\)/,
      replace: `	const membership = await membershipOfNamedOrganization(adapter, session, organizationId, !!ctx.query?.organizationSlug);
	if (!membership) ${refuseAsOutsider(thrown(style, "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION"))}
$1		organizationId: membership.organizationId,
		isSlug: false,
$3membership`
    },
    {
      file: files.members,
      find: `if (!toBeRemovedMember) throw ${memberNotFound};`,
      replace: `if (!toBeRemovedMember || toBeRemovedMember.organizationId !== organizationId) throw ${memberNotFound};`
    },
    {
      file: files.members,
      find: `if (!(toBeUpdatedMember.organizationId === organizationId)) throw ${thrown(style, "FORBIDDEN", "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_MEMBER")};`,
      replace: `if (!(toBeUpdatedMember.organizationId === organizationId)) throw ${memberNotFound};`
    }
  ];
  return { imports, replaces };
}
function invitationClaimEdits(files) {
  const imports = [{ file: files.invites, names: ["claimPendingInvitation"], from: ORG_PLUGIN }];
  const replaces = [
    {
      file: files.invites,
      find: /const acceptedI = await adapter\.updateInvitation\(\{\s*invitationId: ctx\.body\.invitationId,\s*status: "accepted"(?:,\s*fromStatus: "pending")?\s*\}\);/,
      replace: "const acceptedI = await claimPendingInvitation(ctx, ctx.body.invitationId);"
    }
  ];
  return { imports, replaces };
}
function teamMemberBodyEdits(files) {
  const replaces = [
    {
      file: files.team,
      find: /(teamId: z\.string\(\)\.meta\(\{ description: "The team the user should be (?:a member of|removed from)\." \}\),)/g,
      replace: "organizationId: organizationIdSchema(z).optional(), $1",
      count: 2
    }
  ];
  return { imports: [], replaces };
}
function hasPermissionBodyEdits(files, rejectsEveryBody) {
  const replaces = [
    rejectsEveryBody ? {
      file: files.hasPermission,
      find: /z\.object\(\{ organizationId: z\.string\(\)\.optional\(\) \}\)\.and\(z\.union\(\[z\.object\(\{\s*permission: z\.record\(z\.string\(\), z\.array\(z\.string\(\)\)\),\s*permissions: z\.undefined\(\)\s*\}\), z\.object\(\{\s*permission: z\.undefined\(\),\s*permissions: z\.record\(z\.string\(\), z\.array\(z\.string\(\)\)\)\s*\}\)\]\)\)/,
      replace: "hasPermissionBodySchema(z)"
    } : {
      file: files.hasPermission,
      find: "const createHasPermissionBodySchema = z.object({ organizationId: z.string().optional() })",
      replace: "const createHasPermissionBodySchema = z.object({ organizationId: organizationIdSchema(z).optional() })"
    }
  ];
  const name = rejectsEveryBody ? "hasPermissionBodySchema" : "organizationIdSchema";
  return { imports: [{ file: files.hasPermission, names: [name], from: ORG_PLUGIN }], replaces };
}
function organizationPlugin17Edits(files) {
  const replaces = [
    {
      file: files.org,
      find: "const organization = ctx.query?.organizationSlug ? await adapter.findOrganizationBySlug(organizationId) :",
      replace: "const organization = ctx.query?.organizationSlug ? organizationOfSlugWithinBinding(session, await adapter.findOrganizationBySlug(organizationId)) :"
    },
    {
      file: files.org,
      find: `: await adapter.findOrganizationById(organizationId);
	if (!organization) throw ${thrown("from", "BAD_REQUEST", "ORGANIZATION_NOT_FOUND")};`,
      // The membership read a non-member of an existing organization costs, so both take the same statements.
      replace: `: await adapter.findOrganizationById(organizationId);
	if (!organization) {
		await adapter.checkMembership({ userId: session.user.id, organizationId });
		await adapter.setActiveOrganization(session.session.token, null, ctx);
		throw ${thrown("from", "FORBIDDEN", "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION")};
	}`
    }
  ];
  return { imports: [], replaces };
}
function invalidJsonBodyEdits(files) {
  const imports = [{ file: files.router, names: ["answerInvalidJsonWith400"], from: ORG_PLUGIN }];
  const replaces = [{ file: files.router, find: "async onRequest(req) {", replace: "async onRequest(req) {\n			answerInvalidJsonWith400(req);" }];
  return { imports, replaces };
}
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// ../patch-builder/src/targets/index.ts
var MODULE_DIR = "dist/api-key-org-context";
var orgModule = { "org-plugin.mjs": `${MODULE_DIR}/org-plugin.mjs` };
var apiKeyModule = { "api-key-plugin.mjs": `${MODULE_DIR}/api-key-plugin.mjs` };
function merge(id, modules, parts) {
  return { id, modules, imports: parts.flatMap((p) => p.imports), replaces: parts.flatMap((p) => p.replaces) };
}
function betterAuthPatch(id, version, files) {
  const org = organizationLayout(files);
  const hasPermissionBody = hasPermissionBodyEdits(org, compareVersions(version, "1.6.3") < 0);
  const invitedTeam = compareVersions(version, "1.6.16") < 0 ? [invitedTeamEdits(org)] : [];
  const teamMemberBody = compareVersions(version, "1.5.6") < 0 ? [teamMemberBodyEdits(org)] : [];
  const invalidJsonBody = compareVersions(version, "1.6.16") < 0 ? [invalidJsonBodyEdits(org)] : [];
  if (compareVersions(version, "1.5.0") >= 0) {
    const since17 = compareVersions(version, "1.7.0") >= 0 ? [organizationPlugin17Edits(org)] : [];
    return merge(id, orgModule, [
      hasPermissionBody,
      ...invitedTeam,
      ...teamMemberBody,
      ...invalidJsonBody,
      invitationClaimEdits(org),
      outsiderEdits(org, "from"),
      organizationPluginEdits(org, "from"),
      ...since17
    ]);
  }
  const apiKey = apiKeyLayout(files);
  if (!apiKey) throw new Error(`${id}: no api-key plugin found, which every 1.4.x release bundles`);
  const updateManyCount = compareVersions(version, "1.4.6") < 0 ? [updateManyCountEdits(files)] : [];
  return merge(id, { ...orgModule, ...apiKeyModule }, [
    ...updateManyCount,
    hasPermissionBody,
    ...invitedTeam,
    ...teamMemberBody,
    ...invalidJsonBody,
    invitationClaimEdits(org),
    outsiderEdits(org, "message"),
    organizationPluginEdits(org, "message"),
    apiKeyPlugin14Edits(apiKey),
    apiKeyPluginEdits(apiKey, { owner: "user.id", hookOptions: "opts" }),
    apiKeyUsageGuardEdits(apiKey)
  ]);
}
function withUsageClaim(id, files) {
  if (!files.usageClaim) throw new Error(`${id}: claimUsageInDatabase not found, which @better-auth/api-key has from 1.6.17`);
  return { ...files, usageClaim: files.usageClaim };
}
function apiKeyPackagePatch(id, version, files) {
  const apiKey = apiKeyLayout(files);
  if (!apiKey) throw new Error(`${id}: the api-key plugin's routes were not found`);
  const usageClaim = compareVersions(version, "1.6.17") >= 0 ? apiKeyUsageClaimEdits(withUsageClaim(id, apiKey)) : apiKeyUsageGuardEdits(apiKey);
  return merge(id, apiKeyModule, [
    apiKeyPlugin15Edits(apiKey),
    apiKeyPluginEdits(apiKey, { owner: 'referencesType === "user" ? referenceId : void 0', hookOptions: "config" }),
    usageClaim
  ]);
}
function packagePatch(id, files) {
  const at = id.lastIndexOf("@");
  const [name, version] = [id.slice(0, at), id.slice(at + 1)];
  if (name === "better-auth") return betterAuthPatch(id, version, files);
  if (name === "@better-auth/api-key") return apiKeyPackagePatch(id, version, files);
  throw new Error(`${id}: not a package the patch set patches`);
}

// ../patch-builder/src/installed.ts
function buildInstalledPatch(id, packageDir, modulesDir) {
  const patch = packagePatch(id, new PackageFiles(id, packageDir));
  const text = renderPatch(patch, packageDir, modulesDir);
  return { id, text, patchPackageText: toPatchPackage(id, text), files: patchedFiles(patch, packageDir, modulesDir) };
}
export {
  buildInstalledPatch
};

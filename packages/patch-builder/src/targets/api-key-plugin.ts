import type { Import, Replace } from "../edits";

/** Where a release keeps the api-key plugin (better-auth up to 1.4.x, @better-auth/api-key from 1.5). */
export interface ApiKeyPluginFiles {
	/** The plugin with its session hook. */
	plugin: string;
	schema: string;
	createRoute: string;
	/** getApiKey, updateApiKey, deleteApiKey and listApiKeys. */
	getRoute: string;
	updateRoute: string;
	deleteRoute: string;
	listRoute: string;
	/** The .d.mts that declares createApiKey's body; absent where upstream already types organizationId. */
	createTypes?: string;
	/** validateApiKey, which claims the key's use. */
	validate: string;
	/** Where the key's use is claimed in guarded writes (1.6.17+). */
	usageClaim?: string;
	/** The .d.mts that declares the plugin's options. */
	optionsTypes: string;
}

export interface ApiKeyPluginNames {
	/** createApiKey's expression for the user who owns the new key (undefined for organization-owned keys). */
	owner: string;
	/** The session hook's variable for the plugin's options: `opts` up to 1.4.x, the key's `config` from 1.5. */
	hookOptions: string;
}

const API_KEY_PLUGIN = "api-key-plugin";

/** Bundlers name variables `apiKey$1`; in a replacement string `$1` would mean a capture group. */
const literal = (code: string) => code.replaceAll("$", "$$$$");

/** getApiKey, updateApiKey, deleteApiKey: the test that answers KEY_NOT_FOUND for a key the caller may not see. */
const KEY_NOT_FOUND_CHECK = /if \(!(apiKey(?:\$1)?)(.*\) throw .*"NOT_FOUND".*KEY_NOT_FOUND)/g;

/** listApiKeys: the user's keys as read, before 1.5 (1.5+ filters them in apiKeyPlugin15Edits). */
const KEY_LIST_READ = /((?:(?:let|const) )?apiKeys = )(await (?:ctx\.context\.adapter\.findMany\(\{[^;]*?\}\)|listApiKeys(?:\$1)?\(ctx, session\.user\.id, opts\)));/;

/** How many of the routes each file holds: one edit per file, matching exactly that often. */
function countByFile(files: string[]): [string, number][] {
	const counts = new Map<string, number>();
	for (const file of files) counts.set(file, (counts.get(file) ?? 0) + 1);
	return [...counts];
}

/** The api-key plugin marks the session it mocks, stores, checks and applies organization bindings, and keeps bound keys to their organization's keys. */
export function apiKeyPluginEdits(files: ApiKeyPluginFiles, names: ApiKeyPluginNames) {
	const lookupRoutes = countByFile([files.getRoute, files.updateRoute, files.deleteRoute]);
	const metadataRoutes = countByFile([files.createRoute, files.updateRoute]);
	const imports: Import[] = [
		{ file: files.plugin, names: ["prepareApiKeySession"], from: API_KEY_PLUGIN },
		{ file: files.schema, names: ["BOUND_ORGANIZATION_FIELDS"], from: API_KEY_PLUGIN },
		{ file: files.createRoute, names: ["bindApiKeyToOrganization", "organizationIdSchema", "permissionsAreServerOnly"], from: API_KEY_PLUGIN },
		...lookupRoutes.map(([file]) => ({ file, names: ["keyWithinBinding"], from: API_KEY_PLUGIN })),
		{ file: files.listRoute, names: ["keysWithinBinding"], from: API_KEY_PLUGIN },
		...metadataRoutes.map(([file]) => ({ file, names: ["refuseReservedMetadataKeys"], from: API_KEY_PLUGIN })),
		{ file: files.schema, names: ["servableMetadata"], from: API_KEY_PLUGIN },
	];
	const replaces: Replace[] = [
		{
			file: files.plugin,
			// The mock session's id is the verified key's: `apiKey`, or `apiKey$1` where the bundler renamed it.
			find: /(session: \{\n\t+id: (apiKey(?:\$1)?)\.id,\n[^]*?ctx\.context\.session = )session;(\n\t+if \(ctx\.path === "\/get-session"\) return session;)/,
			replace: `$1await prepareApiKeySession(ctx, session, $2, ${names.hookOptions});$3`,
		},
		// A client may set permissions on a key it binds to an organization: there they only narrow its role.
		{
			file: files.createRoute,
			find: "permissions !== void 0 || remaining !== null",
			replace: "permissionsAreServerOnly(ctx, permissions, opts) || remaining !== null",
		},
		{
			file: files.optionsTypes,
			find: /(\n( +)enableSessionForAPIKeys\?: boolean \| undefined;\n)/,
			replace: `$1$2/** Added by the org-context patch set: what keys bound to an organization may call, and whether unbound keys' permissions cap their role too. */\n$2organizationKeys?: {\n$2  allowPaths?: string[] | undefined;\n$2  allowPathsForKeysWithPermissions?: string[] | undefined;\n$2  capUnboundKeys?: boolean | undefined;\n$2} | undefined;\n`,
		},
		{
			file: files.schema,
			find: /(const apiKeySchema = \([^)]*\) => \(\{ apikey: \{ fields: \{\n)/,
			replace: "$1\t...BOUND_ORGANIZATION_FIELDS,\n",
		},
		{
			file: files.createRoute,
			find: /\n(\t+)(if \(metadata\) data\.metadata = )/,
			replace: `\n$1await bindApiKeyToOrganization(ctx, data, ${literal(names.owner)});\n$1$2`,
		},
		...lookupRoutes.map(([file, count]) => ({
			file,
			find: KEY_NOT_FOUND_CHECK,
			replace: "if (!keyWithinBinding(ctx, $1)$2",
			count,
		})),
		// Every caller: metadata with a __proto__, constructor or prototype key is a 400 before the write.
		...metadataRoutes.map(([file, count]) => ({
			file,
			find: /(\n(\t+)if \(typeof metadata !== "object"\) throw [^\n]+)/g,
			replace: "$1\n$2refuseReservedMetadataKeys(metadata);",
			count,
		})),
		// A row written with such metadata before the patch: its strict read threw on every list, get, verify
		// and request of the key (a 500). Read leniently, the key is dropped, as better-json drops it; nested
		// too deep to serialize, it is served as none.
		{
			file: files.schema,
			find: /(output\(value\) \{\n\t+if \(!value\) return null;\n\t+return )(parseJSON|parser_default)\(value\);/,
			replace: "$1servableMetadata($2(value, { strict: false }));",
		},
	];
	if (files.createTypes) {
		replaces.push({
			file: files.createTypes,
			find: /(StrictEndpoint<"\/api-key\/create", \{\n {6}method: "POST";\n {6}body: (\w+)\.ZodObject<\{\n)/,
			replace: "$1        organizationId: $2.ZodOptional<$2.ZodString>;\n",
		});
	}
	return { imports, replaces };
}

/** 1.4.x: createApiKey's body has no organizationId yet; listApiKeys reads the user's keys and returns them all. */
export function apiKeyPlugin14Edits(files: ApiKeyPluginFiles) {
	const replaces: Replace[] = [
		{ file: files.listRoute, find: KEY_LIST_READ, replace: "$1keysWithinBinding(ctx, $2);" },
		{
			file: files.createRoute,
			find: /(userId: z\.coerce\.string\(\)\.meta\(\{ description: "User Id of the user that the Api Key belongs to\. server-only\. Eg: \\"user-id\\"" \}\)\.optional\(\),)/,
			replace:
				'organizationId: organizationIdSchema(z).meta({ description: "The organization the key is bound to; its user must be a member. Eg: \\"org-id\\"" }).optional(),\n\t$1',
		},
	];
	return { imports: [], replaces };
}

/**
 * 1.5+: createApiKey's organizationId (the owner of organization keys, the binding
 * of user keys) gets the bound; listApiKeys filters and pages in memory, takes an
 * organizationId for organization-owned keys, and sorts by fields of apikey only.
 */
export function apiKeyPlugin15Edits(files: ApiKeyPluginFiles) {
	const imports: Import[] = [{ file: files.listRoute, names: ["apiKeySortField", "organizationWithinBinding"], from: API_KEY_PLUGIN }];
	const replaces: Replace[] = [
		// every caller: a sortBy that names no field of apikey was a 500 from the adapter
		{ file: files.listRoute, find: "sortBy: ctx.query?.sortBy,", replace: "sortBy: apiKeySortField(ctx),", count: 2 },
		{ file: files.listRoute, find: "let filteredApiKeys = allApiKeys.filter(", replace: "let filteredApiKeys = keysWithinBinding(ctx, allApiKeys).filter(" },
		{
			file: files.listRoute,
			find: "const organizationId = ctx.query?.organizationId;",
			replace: "const organizationId = organizationWithinBinding(ctx, ctx.query?.organizationId);",
		},
		{
			file: files.createRoute,
			// zod is `z`, or `z$1` where the bundler renamed it
			find: /organizationId: (z(?:\$1)?)\.coerce\.string\(\)\.meta\(\{/,
			replace: "organizationId: organizationIdSchema($1).meta({",
		},
	];
	return { imports, replaces };
}

/**
 * 1.6.17+: claimUsageInDatabase writes the key's row up to three times per
 * request; claimUsageInOneWrite writes it once, and runs upstream's sequence,
 * kept as it is, for refusals and where a lost race would not show.
 */
export function apiKeyUsageClaimEdits(files: ApiKeyPluginFiles & { usageClaim: string }) {
	const imports: Import[] = [{ file: files.usageClaim, names: ["claimUsageInOneWrite"], from: API_KEY_PLUGIN }];
	const replaces: Replace[] = [
		{
			file: files.usageClaim,
			find: /(async function claimUsageInDatabase\(\{ ctx, apiKey, opts, hashedKey \}\) \{\n)(\tlet row = apiKey;\n[^]*?)const finalRow = (await ctx\.context\.adapter\.update\(\{\n\t\tmodel: (API_KEY_TABLE_NAME),[^]*?update: \{ updatedAt: [^}]*\}\n\t\}\));\n/,
			replace: "$1\tconst finalRow = await claimUsageInOneWrite(ctx, { model: $4, apiKey, opts, evaluateRateLimit }, async () => {\n$2return $3;\n\t});\n",
		},
	];
	return { imports, replaces };
}

/** validateApiKey, from its declaration to its closing brace. */
const VALIDATE_API_KEY = /async function validateApiKey\([^]*?\n\}\n/;

/**
 * Up to 1.6.16 (better-auth 1.4.x, @better-auth/api-key 1.5.0–1.6.16):
 * validateApiKey writes the key's use as a read-modify-write, so parallel
 * requests overspend `remaining` and the rate limit. The write becomes a
 * compare-and-set on what was read, and a request that loses it validates again.
 */
export function apiKeyUsageGuardEdits(files: ApiKeyPluginFiles) {
	const imports: Import[] = [{ file: files.validate, names: ["retryLostUsageClaims", "updateUsageIfUnchanged"], from: API_KEY_PLUGIN }];
	const replaces: Replace[] = [
		{
			file: files.validate,
			within: VALIDATE_API_KEY,
			// the key as read is `apiKey`, or `apiKey$1` where the bundler renamed it
			find: /ctx\.context\.adapter\.update\(\{(\n\t+model: API_KEY_TABLE_NAME,\n\t+where: \[\{\n\t+field: "id",\n\t+value: (apiKey(?:\$1)?)\.id\n)/,
			replace: "updateUsageIfUnchanged(ctx, $2, opts, {$1",
			count: "some",
		},
		{
			file: files.validate,
			find: "async function validateApiKey(",
			replace: "async function validateApiKey(input) {\n\treturn retryLostUsageClaims(() => validateApiKeyOnce(input));\n}\nasync function validateApiKeyOnce(",
		},
	];
	return { imports, replaces };
}

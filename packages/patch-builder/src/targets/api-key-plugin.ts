import type { Import, Replace } from "../edits";

/** Where a release keeps the api-key plugin (better-auth up to 1.4.x, @better-auth/api-key from 1.5). */
export interface ApiKeyPluginFiles {
	/** The plugin with its session hook. */
	plugin: string;
	schema: string;
	createRoute: string;
	/** The .d.mts that declares createApiKey's body; absent where upstream already types organizationId. */
	createTypes?: string;
}

export interface ApiKeyPluginNames {
	/** The hook's variable holding the verified key record. */
	apiKey: string;
	/** createApiKey's expression for the user who owns the new key (undefined for organization-owned keys). */
	owner: string;
}

const API_KEY_PLUGIN = "api-key-plugin";

/** Bundlers name variables `apiKey$1`; in a replacement string `$1` would mean a capture group. */
const literal = (code: string) => code.replaceAll("$", "$$$$");

/** The api-key plugin marks the session it mocks and stores, checks and applies organization bindings. */
export function apiKeyPluginEdits(files: ApiKeyPluginFiles, names: ApiKeyPluginNames) {
	const imports: Import[] = [
		{ file: files.plugin, names: ["prepareApiKeySession"], from: API_KEY_PLUGIN },
		{ file: files.schema, names: ["BOUND_ORGANIZATION_FIELDS"], from: API_KEY_PLUGIN },
		{ file: files.createRoute, names: ["bindApiKeyToOrganization", "organizationIdSchema"], from: API_KEY_PLUGIN },
	];
	const replaces: Replace[] = [
		{
			file: files.plugin,
			find: /(ctx\.context\.session = )session;(\n\t+if \(ctx\.path === "\/get-session"\) return session;)/,
			replace: `$1await prepareApiKeySession(ctx, session, ${literal(names.apiKey)});$2`,
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

/** 1.4.x: createApiKey's body has no organizationId yet. */
export function apiKeyPlugin14Edits(files: ApiKeyPluginFiles) {
	const replaces: Replace[] = [
		{
			file: files.createRoute,
			find: /(userId: z\.coerce\.string\(\)\.meta\(\{ description: "User Id of the user that the Api Key belongs to\. server-only\. Eg: \\"user-id\\"" \}\)\.optional\(\),)/,
			replace:
				'organizationId: organizationIdSchema(z).meta({ description: "The organization the key is bound to; its user must be a member. Eg: \\"org-id\\"" }).optional(),\n\t$1',
		},
	];
	return { imports: [], replaces };
}

/** 1.5+: createApiKey's organizationId (the owner of organization keys, the binding of user keys) gets the bound. */
export function apiKeyPlugin15Edits(files: ApiKeyPluginFiles) {
	const replaces: Replace[] = [
		{
			file: files.createRoute,
			find: "organizationId: z.coerce.string().meta({",
			replace: "organizationId: organizationIdSchema(z).meta({",
		},
	];
	return { imports: [], replaces };
}

import type { PackagePatch } from "../edits";
import { type ApiKeyPluginFiles, apiKeyPlugin14Edits, apiKeyPlugin15Edits, apiKeyPluginEdits } from "./api-key-plugin";
import {
	type OrganizationPluginFiles,
	organizationPlugin14Edits,
	organizationPlugin15Edits,
	organizationPluginEdits,
} from "./organization-plugin";

/** Where the built modules of packages/org-context go inside a patched package. */
const MODULE_DIR = "dist/api-key-org-context";
const orgModule = { "org-plugin.mjs": `${MODULE_DIR}/org-plugin.mjs` };
const apiKeyModule = { "api-key-plugin.mjs": `${MODULE_DIR}/api-key-plugin.mjs` };

function merge(id: string, modules: Record<string, string>, ...parts: Pick<PackagePatch, "imports" | "replaces">[]): PackagePatch {
	return { id, modules, imports: parts.flatMap((p) => p.imports), replaces: parts.flatMap((p) => p.replaces) };
}

function splitLayout(dir: string, membersTypes: string): OrganizationPluginFiles {
	return {
		call: `${dir}/call.mjs`,
		adapter: `${dir}/adapter.mjs`,
		errorCodes: `${dir}/error-codes.mjs`,
		hasPermission: `${dir}/organization.mjs`,
		invites: `${dir}/routes/crud-invites.mjs`,
		members: `${dir}/routes/crud-members.mjs`,
		org: `${dir}/routes/crud-org.mjs`,
		team: `${dir}/routes/crud-team.mjs`,
		accessControl: `${dir}/routes/crud-access-control.mjs`,
		schema: `${dir}/schema.mjs`,
		membersTypes,
	};
}

/** 1.4.0–1.4.6 bundle the plugin into one hashed chunk: every part is the same file. */
function chunkLayout(chunk: string, membersTypes: string): OrganizationPluginFiles {
	const parts = ["call", "adapter", "errorCodes", "hasPermission", "invites", "members", "org", "team", "accessControl", "schema"];
	return { ...Object.fromEntries(parts.map((part) => [part, chunk])), membersTypes } as OrganizationPluginFiles;
}

const org1422 = splitLayout("dist/plugins/organization", "dist/plugins/organization/routes/crud-members.d.mts");
const org1725 = org1422;
const org140 = chunkLayout("dist/organization-0xv5VdCW.mjs", "dist/index-H8a8MENl.d.mts");

const apiKey140: ApiKeyPluginFiles = {
	plugin: "dist/plugins-BY-eqHg4.mjs",
	schema: "dist/plugins-BY-eqHg4.mjs",
	createRoute: "dist/plugins-BY-eqHg4.mjs",
	createTypes: "dist/index-H8a8MENl.d.mts",
};
const apiKey1422: ApiKeyPluginFiles = {
	plugin: "dist/plugins/api-key/index.mjs",
	schema: "dist/plugins/api-key/schema.mjs",
	createRoute: "dist/plugins/api-key/routes/create-api-key.mjs",
	createTypes: "dist/plugins/api-key/index.d.mts",
};
const apiKey175: ApiKeyPluginFiles = { plugin: "dist/index.mjs", schema: "dist/index.mjs", createRoute: "dist/index.mjs" };

/** A 1.4.x release: both plugins live in better-auth. */
function release14(id: string, org: OrganizationPluginFiles, apiKey: ApiKeyPluginFiles): PackagePatch {
	return merge(
		id,
		{ ...orgModule, ...apiKeyModule },
		// before the general edits, which rewrite the organizationId schema these match
		organizationPlugin14Edits(org),
		organizationPluginEdits(org, "message"),
		apiKeyPlugin14Edits(apiKey),
		apiKeyPluginEdits(apiKey, { apiKey: "apiKey$1", owner: "user.id" }),
	);
}

/** Every package the patch set patches. Adding a release: see README, "Adding a better-auth version". */
export const PACKAGE_PATCHES: PackagePatch[] = [
	release14("better-auth@1.4.0", org140, apiKey140),
	release14("better-auth@1.4.22", org1422, apiKey1422),
	merge("better-auth@1.7.25", orgModule, organizationPluginEdits(org1725, "from"), organizationPlugin15Edits(org1725)),
	merge(
		"@better-auth/api-key@1.7.5",
		apiKeyModule,
		apiKeyPlugin15Edits(apiKey175),
		apiKeyPluginEdits(apiKey175, { apiKey: "apiKey", owner: 'referencesType === "user" ? referenceId : void 0' }),
	),
];

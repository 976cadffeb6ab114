import { apiKeyLayout, organizationLayout, type PackageFiles } from "../layout";
import type { PackagePatch } from "../edits";
import { compareVersions } from "../versions";
import {
	type ApiKeyPluginFiles,
	apiKeyPlugin14Edits,
	apiKeyPlugin15Edits,
	apiKeyPluginEdits,
	apiKeyUsageClaimEdits,
	apiKeyUsageGuardEdits,
} from "./api-key-plugin";
import { updateManyCountEdits } from "./kysely-adapter";
import {
	hasPermissionBodyEdits,
	invalidJsonBodyEdits,
	invitationClaimEdits,
	invitedTeamEdits,
	organizationPlugin17Edits,
	organizationPluginEdits,
	outsiderEdits,
	teamMemberBodyEdits,
} from "./organization-plugin";

/** Where the built modules of packages/org-context go inside a patched package. */
const MODULE_DIR = "dist/api-key-org-context";
const orgModule = { "org-plugin.mjs": `${MODULE_DIR}/org-plugin.mjs` };
const apiKeyModule = { "api-key-plugin.mjs": `${MODULE_DIR}/api-key-plugin.mjs` };

type Edits = Pick<PackagePatch, "imports" | "replaces">;

function merge(id: string, modules: Record<string, string>, parts: Edits[]): PackagePatch {
	return { id, modules, imports: parts.flatMap((p) => p.imports), replaces: parts.flatMap((p) => p.replaces) };
}

/**
 * better-auth@X: the organization plugin, and up to 1.4.x the api-key plugin it
 * still bundles. Releases differ only where the edits are grouped by range:
 * 1.4.x throws `new APIError(s, { message })`, 1.5+ `APIError.from(s, code)`;
 * hasPermission's body rejects every request up to 1.6.2; createInvitation takes
 * another organization's team up to 1.6.15; the team-member bodies take no
 * organizationId up to 1.5.5; a body that is not JSON is a 500 up to 1.6.15; 1.7
 * added getOrganization; the Kysely adapter's updateMany miscounts up to 1.4.5.
 */
function betterAuthPatch(id: string, version: string, files: PackageFiles): PackagePatch {
	const org = organizationLayout(files);
	// before the general edits, which rewrite the organizationId schema this matches
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
			...since17,
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
		apiKeyUsageGuardEdits(apiKey),
	]);
}

function withUsageClaim(id: string, files: ApiKeyPluginFiles): ApiKeyPluginFiles & { usageClaim: string } {
	if (!files.usageClaim) throw new Error(`${id}: claimUsageInDatabase not found, which @better-auth/api-key has from 1.6.17`);
	return { ...files, usageClaim: files.usageClaim };
}

/**
 * @better-auth/api-key@X (1.5+): the api-key plugin on its own. Up to 1.6.16 it claims a key's use
 * in one unguarded write, from 1.6.17 in up to three guarded ones.
 */
function apiKeyPackagePatch(id: string, version: string, files: PackageFiles): PackagePatch {
	const apiKey = apiKeyLayout(files);
	if (!apiKey) throw new Error(`${id}: the api-key plugin's routes were not found`);
	const usageClaim = compareVersions(version, "1.6.17") >= 0 ? apiKeyUsageClaimEdits(withUsageClaim(id, apiKey)) : apiKeyUsageGuardEdits(apiKey);
	return merge(id, apiKeyModule, [
		apiKeyPlugin15Edits(apiKey),
		apiKeyPluginEdits(apiKey, { owner: 'referencesType === "user" ? referenceId : void 0', hookOptions: "config" }),
		usageClaim,
	]);
}

/** The patch for one published package, its edits placed in the files found in it. */
export function packagePatch(id: string, files: PackageFiles): PackagePatch {
	const at = id.lastIndexOf("@");
	const [name, version] = [id.slice(0, at), id.slice(at + 1)];
	if (name === "better-auth") return betterAuthPatch(id, version, files);
	if (name === "@better-auth/api-key") return apiKeyPackagePatch(id, version, files);
	throw new Error(`${id}: not a package the patch set patches`);
}

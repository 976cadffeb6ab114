import fs from "node:fs";
import path from "node:path";
import type { ApiKeyPluginFiles } from "./targets/api-key-plugin";
import type { OrganizationPluginFiles } from "./targets/organization-plugin";

/**
 * Where each part of a plugin lives in a release, found by a marker only that
 * part's file contains: the split files of 1.4.7+, the hashed chunks of
 * 1.4.0–1.4.6 and the bundle of @better-auth/api-key alike. No release's paths
 * are written down anywhere.
 */
const ORGANIZATION_MARKERS: Record<keyof OrganizationPluginFiles, string> = {
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
	router: "async onRequest(req) {",
};

const API_KEY_MARKERS: Record<Exclude<keyof ApiKeyPluginFiles, "createTypes" | "usageClaim">, string> = {
	plugin: 'if (ctx.path === "/get-session") return session;',
	schema: "const apiKeySchema = (",
	createRoute: 'createAuthEndpoint("/api-key/create"',
	getRoute: 'createAuthEndpoint("/api-key/get"',
	updateRoute: 'createAuthEndpoint("/api-key/update"',
	deleteRoute: 'createAuthEndpoint("/api-key/delete"',
	listRoute: 'createAuthEndpoint("/api-key/list"',
	validate: "async function validateApiKey(",
	optionsTypes: "enableSessionForAPIKeys?: boolean | undefined;",
};

/** Where createApiKey's body is declared: 1.4.x declares no organizationId (the api-key package declares it upstream). */
const CREATE_TYPES = 'StrictEndpoint<"/api-key/create"';

/** Where a key's use is claimed in guarded writes: @better-auth/api-key 1.6.17+. */
const USAGE_CLAIM = "async function claimUsageInDatabase(";

/** The code and declaration files of a package's dist, read once, by path inside the package. */
export class PackageFiles {
	private readonly files = new Map<string, string>();

	constructor(
		readonly id: string,
		root: string,
	) {
		const walk = (dir: string) => {
			for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
				const file = path.posix.join(dir, entry.name);
				if (entry.isDirectory()) walk(file);
				else if (/\.(mjs|d\.mts)$/.test(entry.name)) this.files.set(file, fs.readFileSync(path.join(root, file), "utf8"));
			}
		};
		walk("dist");
	}

	/** The files containing the marker. */
	containing(marker: string): string[] {
		return [...this.files].filter(([, text]) => text.includes(marker)).map(([file]) => file);
	}

	/** The one file containing the marker. */
	locate(part: string, marker: string): string {
		const found = this.containing(marker);
		if (found.length === 1) return found[0];
		throw new Error(`${this.id}: part "${part}" not located: its marker ${marker} is in ${found.length ? found.join(", ") : "no file"}`);
	}

	has(marker: string): boolean {
		return this.containing(marker).length > 0;
	}
}

function locateAll<K extends string>(files: PackageFiles, markers: Record<K, string>): Record<K, string> {
	const entries = Object.entries<string>(markers).map(([part, marker]) => [part, files.locate(part, marker)]);
	return Object.fromEntries(entries) as Record<K, string>;
}

export function organizationLayout(files: PackageFiles): OrganizationPluginFiles {
	return locateAll(files, ORGANIZATION_MARKERS);
}

/** The api-key plugin's files, or null for a package without it (better-auth 1.5+). */
export function apiKeyLayout(files: PackageFiles): ApiKeyPluginFiles | null {
	if (!files.has(API_KEY_MARKERS.createRoute)) return null;
	const createTypes = files.id.startsWith("better-auth@") ? files.locate("createTypes", CREATE_TYPES) : undefined;
	const usageClaim = files.has(USAGE_CLAIM) ? files.locate("usageClaim", USAGE_CLAIM) : undefined;
	return { ...locateAll(files, API_KEY_MARKERS), createTypes, usageClaim };
}

// The release matrix: every better-auth release in packages/patch-builder/releases.json,
// installed the way a user's pnpm app installs it, twice: patched (an exact
// `name@version` key per package, pointing at the file patches/releases.json names)
// and as published; its "published-only" releases (1.3.x) as published only.
// Generated under .cache/releases/, never committed: a release is a line of
// releases.json, not a package of its own.
//   tsx scripts/releases.ts                  writes both workspaces and installs them (a no-op when up to date)
//   tsx scripts/releases.ts 1.4.0 1.7.25     only these releases, and those installed already (the quick test tier)
import fs from "node:fs";
import path from "node:path";
import { apiKeyPairOf, compareVersions, RELEASES } from "../packages/patch-builder/src/releases.ts";
import { pnpm } from "./setup.mjs";

import { MATRIX_DIR, releaseDir } from "./targets.mjs";

const ROOT = path.resolve(import.meta.dirname, "..");
const MANIFEST: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, "patches/releases.json"), "utf8"));

export type Variant = "patched" | "unpatched";

/** What the suite imports from a release (test/support/target.ts): the same names on every release. */
export function targetIndex(version: string) {
	const since15 = compareVersions(version, "1.5.0") >= 0;
	return [
		since15 ? 'export { apiKey } from "@better-auth/api-key";' : 'export { apiKey } from "better-auth/plugins";',
		since15 ? 'export { apiKeyClient } from "@better-auth/api-key/client";' : 'export { apiKeyClient } from "better-auth/client/plugins";',
		'export { betterAuth } from "better-auth";',
		'export { createAuthEndpoint, sessionMiddleware } from "better-auth/api";',
		'export { createAuthClient } from "better-auth/client";',
		'export { organizationClient } from "better-auth/client/plugins";',
		`export { getMigrations } from "better-auth/db${since15 ? "/migration" : ""}";`,
		'export { admin, jwt, organization } from "better-auth/plugins";',
		'export { createAccessControl } from "better-auth/plugins/access";',
		'export { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";',
		`export const version = "${version}";`,
		"",
	].join("\n");
}

/** Where the workspace build (scripts/setup.mjs) puts the apiKeyOrganizations plugin (packages/plugin). */
const PLUGIN_BUILD = path.join(ROOT, "packages/plugin/dist/index.mjs");

/**
 * A release with the apiKeyOrganizations plugin added after apiKey(...): what the
 * suite imports with PLUGIN=1 (as published) or PLUGIN=patched. The plugin's build is copied beside it, as
 * `npm install <tarball>` would, so that it imports this release's better-auth.
 */
const PLUGIN_INDEX = [
	"// The release, its auth and its migrations with apiKeyOrganizations({ boundKeys: true }) after apiKey(...), as an app lists it.",
	'import { betterAuth as publishedBetterAuth } from "better-auth";',
	'import { getMigrations as publishedGetMigrations } from "./index.ts";',
	'import { apiKeyOrganizations } from "./api-key-organizations.mjs";',
	'export * from "./index.ts";',
	'export { apiKeyOrganizations } from "./api-key-organizations.mjs";',
	"type Options = Parameters<typeof publishedBetterAuth>[0];",
	"function withPlugin(options: Options): Options {",
	"\tconst plugins = [...(options.plugins ?? [])];",
	'\tconst afterApiKey = plugins.findLastIndex((plugin) => plugin.id === "api-key") + 1;',
	"\t// A test that lists the plugin itself, with options of its own, keeps it as it is.",
	'\tconst listed = plugins.some((plugin) => plugin.id === "api-key-organizations");',
	"\tif (afterApiKey > 0 && !listed) plugins.splice(afterApiKey, 0, apiKeyOrganizations({ boundKeys: true }));",
	"\treturn { ...options, plugins };",
	"}",
	"export const betterAuth: typeof publishedBetterAuth = (options) => publishedBetterAuth(withPlugin(options));",
	"// The plugin's apikey.organizationId column: migrated as the app's own getMigrations would, with the plugin in its options.",
	"export const getMigrations: typeof publishedGetMigrations = (options) => publishedGetMigrations(withPlugin(options));",
	"",
].join("\n");

function write(file: string, text: string) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== text) fs.writeFileSync(file, text);
}

/** Releases installed as published only (releases.json's "published-only"): no patch covers them, so no patched app. */
const PUBLISHED_ONLY = RELEASES["published-only"]["better-auth"];

/**
 * Each variant's releases to install: those asked for, and every release whose app is there
 * already (its patch key stays, or pnpm would install it as published). The published-only
 * releases go to the unpatched workspace alone.
 */
function releasesToInstall(asked: string[]): Record<Variant, string[]> {
	const unknown = asked.filter((version) => !RELEASES["better-auth"].includes(version) && !PUBLISHED_ONLY.includes(version));
	if (unknown.length) throw new Error(`not in packages/patch-builder/releases.json: ${unknown.join(", ")}`);
	const present = (variant: Variant, version: string) => fs.existsSync(path.join(releaseDir(variant, version), "package.json"));
	const pick = (variant: Variant, versions: string[]) =>
		asked.length ? versions.filter((version) => asked.includes(version) || present(variant, version)) : versions;
	return { patched: pick("patched", RELEASES["better-auth"]), unpatched: pick("unpatched", [...PUBLISHED_ONLY, ...RELEASES["better-auth"]]) };
}

/** One pnpm workspace per variant, one app per release in it. */
function writeWorkspace(variant: Variant, versions: string[]) {
	const keys = new Map<string, string>();
	for (const version of versions) {
		const pair = apiKeyPairOf(version);
		// @better-auth/core at better-auth's own release: else pnpm may resolve the api-key's peer on core to a newer one.
		const apiKey = pair ? { "@better-auth/api-key": pair, "@better-auth/core": version } : {};
		const dependencies = { "better-auth": version, ...apiKey, zod: "^4" };
		for (const [name, v] of Object.entries(dependencies)) if (MANIFEST[`${name}@${v}`]) keys.set(`${name}@${v}`, MANIFEST[`${name}@${v}`]);
		const manifest = { name: `release-${version}`, private: true, type: "module", dependencies };
		write(path.join(releaseDir(variant, version), "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
		write(path.join(releaseDir(variant, version), "index.ts"), targetIndex(version));
		write(path.join(releaseDir(variant, version), "plugin.ts"), PLUGIN_INDEX);
		write(path.join(releaseDir(variant, version), "api-key-organizations.mjs"), fs.readFileSync(PLUGIN_BUILD, "utf8"));
	}
	const patches = path.relative(path.join(MATRIX_DIR, variant), path.join(ROOT, "patches"));
	const patched = [...keys].map(([key, file]) => `  '${key}': ${patches}/${file}`);
	// Peers are the user's business: 1.5.0 has no api-key release that accepts it.
	const yaml = ["packages:", "  - '*'", "strictPeerDependencies: false", ...(variant === "patched" ? ["patchedDependencies:", ...patched] : []), ""];
	write(path.join(MATRIX_DIR, variant, "pnpm-workspace.yaml"), yaml.join("\n"));
	write(path.join(MATRIX_DIR, variant, "package.json"), `${JSON.stringify({ name: `matrix-${variant}`, private: true }, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const toInstall = releasesToInstall(process.argv.slice(2));
	for (const variant of ["patched", "unpatched"] as const) {
		const versions = toInstall[variant];
		// Only published-only releases asked for, and no patched app yet: nothing to install there.
		if (!versions.length) continue;
		writeWorkspace(variant, versions);
		const started = performance.now();
		pnpm(["install", "--no-frozen-lockfile", "--reporter=append-only", "--config.confirmModulesPurge=false"], {
			cwd: path.join(MATRIX_DIR, variant),
			stdio: ["ignore", "ignore", "inherit"],
		});
		console.log(`release matrix, ${variant}: ${versions.length} releases installed in ${Math.round((performance.now() - started) / 1000)} s`);
	}
}

// `better-auth-org-patch apply|check` in throwaway pnpm apps, one per supported
// better-auth release. Installs from the npm registry, so this runs in one
// vitest project only; it covers every supported release itself.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { coversApiKeyPlugin, supportedPatches, supportedVersions } from "../../packages/cli/src/patches.mjs";
import { PLUGIN_PEER_RANGE } from "../../packages/cli/src/plan.mjs";
import { apiKeyPairOf, RELEASES } from "../../packages/patch-builder/src/releases";
import { TARGET_VERSIONS } from "../../scripts/targets.mjs";
import { CLI, cli, createApp, expectStatus, pnpmInstall, removeApps, reportScenario, run, runsAppTests, snapshot } from "./apps";

const patches = supportedPatches();
/** Every release's own app is installed by the release matrix (scripts/releases.ts); here the CLI's whole cycle, on the suite's targets. */
const betterAuthPatches = patches.filter((p) => p.name === "better-auth" && TARGET_VERSIONS.includes(p.version));

/** An app as its author would have it: better-auth, and the @better-auth/api-key its peer range pairs with (1.5+). */
function appDependencies(patch: (typeof patches)[number]): Record<string, string> {
	const dependencies = { "better-auth": patch.version };
	return coversApiKeyPlugin(patch) ? dependencies : { ...dependencies, "@better-auth/api-key": apiKeyPairOf(patch.version)! };
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

/** typed-app.ts (its apiKey from better-auth/plugins up to 1.4.x) with a tsconfig, and the report's scenario. */
function typedAppFiles(patch: (typeof patches)[number]) {
	const source = read(import.meta.dirname, "typed-app.ts");
	const compilerOptions = { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, noEmit: true, skipLibCheck: true, types: [] };
	return {
		"auth.ts": coversApiKeyPlugin(patch) ? source.replace('import { apiKey } from "@better-auth/api-key";\n', "").replace("{ organization }", "{ apiKey, organization }") : source,
		"tsconfig.json": JSON.stringify({ compilerOptions, files: ["auth.ts"] }),
		"report-scenario.mjs": reportScenario(),
	};
}

/** Installs hit the registry: generous, so a cold cache on CI does not fail them. */
const INSTALL_TIMEOUT = 180_000;

describe.runIf(runsAppTests)("better-auth-org-patch in pnpm apps", { timeout: INSTALL_TIMEOUT }, () => {
	afterAll(removeApps);

	test("the supported releases are read from patches/: every release the builder covers", () => {
		expect(patches.filter((p) => p.name === "better-auth").map((p) => p.version)).toEqual(RELEASES["better-auth"]);
		expect(patches.filter((p) => p.name === "@better-auth/api-key").map((p) => p.version)).toEqual(Object.keys(RELEASES["@better-auth/api-key"]));
	});

	test("every patch docs/releases.md links to is a file of patches/, and every release has its row", () => {
		const table = read(".", "docs/releases.md");
		const linked = [...table.matchAll(/\]\(\.\.\/patches\/([^)]+)\)/g)].map((m) => m[1]);
		expect(linked.filter((file) => !fs.existsSync(path.join("patches", file)))).toEqual([]);
		for (const version of RELEASES["better-auth"]) expect(table).toMatch(new RegExp(`^\\| ${version.replaceAll(".", "\\.")}( \\(anchor\\))? \\|`, "m"));
	});

	test.each(betterAuthPatches.map((p) => [p.id, p] as const))(
		"%s: check fails on the installed app; apply adds exact keys, a typed app compiles with no cast and the report's calls work; check passes; remove takes them out",
		async (_id, patch) => {
			const app = createApp({ ...appDependencies(patch), typescript: "5.9.3" }, typedAppFiles(patch));
			expectStatus(await pnpmInstall(app), 0, "pnpm install");

			const before = await cli(["check"], app);
			expect(before.status, before.stdout + before.stderr).toBe(1);
			expect(before.stdout).toContain("NOT in effect");

			const applied = await cli(["apply"], app);
			expectStatus(applied, 0, "apply");
			const keys = Object.entries(appDependencies(patch)).map(([name, v]) => `${name}@${v}`);
			const yaml = read(app, "pnpm-workspace.yaml");
			for (const key of keys) {
				const file = `${key.replace("/", "__")}.patch`;
				expect(yaml).toMatch(new RegExp(`^  '?${key}'?: patches/${file}$`, "m"));
				expect(read(app, `patches/${file}`)).toBe(fs.readFileSync(patches.find((p) => p.id === key)!.path, "utf8"));
			}

			const typeCheck = await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", ".", "--pretty", "false"], app);
			expect({ status: typeCheck.status, diagnostics: typeCheck.stdout.trim() }).toEqual({ status: 0, diagnostics: "" });
			const scenario = await run(process.execPath, ["report-scenario.mjs"], app);
			expectStatus(scenario, 0, "report-scenario.mjs");
			const steps = JSON.parse(scenario.stdout);
			expect(steps.hasPermissionWithOrganizationId).toEqual({ status: 200, body: { error: null, success: true } });
			expect(steps.getActiveMember).toMatchObject({ status: 200, body: { userId: steps.memberId, role: "member" } });

			expectStatus(await cli(["check"], app), 0, "check after apply");

			expectStatus(await cli(["remove"], app), 0, "remove");
			expect(fs.existsSync(path.join(app, "pnpm-workspace.yaml")), "apply created it for its entries alone").toBe(false);
			expect((await cli(["check"], app)).status, "the published packages are back").toBe(1);
		},
	);

	test("a better-auth older than the set (1.3.34) is refused in one line naming the supported range, what to upgrade to and the plugin that needs no patch, the app left byte for byte", async () => {
		const app = createApp({ "better-auth": "1.3.34" });
		// The lockfile alone says which version the app uses; no node_modules needed.
		expectStatus(await pnpmInstall(app, "--lockfile-only"), 0, "pnpm install --lockfile-only");
		const before = snapshot(app);

		const refused = await cli(["apply"], app);
		expect(refused.status).toBe(2);
		const [oldest, newest] = [supportedVersions("better-auth")[0], supportedVersions("better-auth").at(-1)];
		expect(refused.stderr).toBe(
			`better-auth-org-patch: better-auth@1.3.34 (from pnpm-lock.yaml) is older than the releases this patch set covers (${oldest}–${newest}, and newer releases built on demand): upgrade better-auth to ${newest} (or any release from ${oldest} on), then run apply; or, with no patch, add the apiKeyOrganizations plugin, which runs on this release (packages/plugin)\nnothing was changed.\n`,
		);
		const plugin = JSON.parse(fs.readFileSync(path.resolve("packages/plugin/package.json"), "utf8"));
		expect(plugin.peerDependencies["better-auth"], "the refusal follows the plugin's own range").toBe(PLUGIN_PEER_RANGE);
		expect(snapshot(app)).toEqual(before);
		expect(fs.existsSync(path.join(app, "node_modules"))).toBe(false);
	});

	test("better-auth 1.3.7, where the plugin does not work, is refused without naming the plugin", async () => {
		const app = createApp({ "better-auth": "1.3.7" });
		expectStatus(await pnpmInstall(app, "--lockfile-only"), 0, "pnpm install --lockfile-only");
		const refused = await cli(["apply"], app);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain("better-auth@1.3.7 (from pnpm-lock.yaml) is older than the releases this patch set covers");
		expect(refused.stderr).not.toContain("apiKeyOrganizations");
	});

	test("a bump pnpm could not install (1.7.24 to 1.7.25) is refused with the way out, and remove, then apply, moves the patch to the new release", async () => {
		const app = createApp({ "better-auth": "1.7.24", "@better-auth/api-key": "1.7.5" });
		expectStatus(await pnpmInstall(app), 0, "pnpm install");
		expectStatus(await cli(["apply"], app), 0, "apply on 1.7.24");
		const manifest = JSON.parse(read(app, "package.json"));
		fs.writeFileSync(path.join(app, "package.json"), JSON.stringify({ ...manifest, dependencies: { ...manifest.dependencies, "better-auth": "1.7.25" } }));
		const bumped = await pnpmInstall(app);
		expect(bumped.status, "pnpm stops on the old release's key").not.toBe(0);
		expect(bumped.stdout + bumped.stderr).toContain("ERR_PNPM_UNUSED_PATCH");
		const before = snapshot(app);

		const refused = await cli(["apply"], app);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain("package.json asks for better-auth@1.7.25 but node_modules/better-auth has 1.7.24");
		// From a clone the CLI names itself as it was run: no better-auth-org-patch is on PATH there.
		expect(refused.stderr).toContain(`run \`node ${path.relative(app, CLI)} remove\``);
		expect(snapshot(app)).toEqual(before);

		expectStatus(await cli(["remove"], app), 0, "remove");
		expectStatus(await cli(["apply"], app), 0, "apply on 1.7.25");
		const yaml = read(app, "pnpm-workspace.yaml");
		expect(yaml).toContain("better-auth@1.7.25: patches/better-auth@1.7.25.patch");
		expect(yaml).not.toContain("1.7.24");
		expect(fs.readdirSync(path.join(app, "patches")).sort()).toEqual(["@better-auth__api-key@1.7.5.patch", "better-auth@1.7.25.patch"]);
		expectStatus(await cli(["check"], app), 0, "check on 1.7.25");
	});

	test("an app's own settings and its other patch are kept, a second apply changes nothing, and remove takes out only the CLI's", async () => {
		const ownPatch = [
			"diff --git a/kept-by-apply.txt b/kept-by-apply.txt",
			"new file mode 100644",
			"--- /dev/null",
			"+++ b/kept-by-apply.txt",
			"@@ -0,0 +1 @@",
			"+this app's own patch of zod",
			"",
		].join("\n");
		const ownYaml = [
			"# the app's own settings, which apply must keep",
			"onlyBuiltDependencies:",
			"  - esbuild",
			"",
			"patchedDependencies:",
			"    zod@4.3.6: patches/zod@4.3.6.patch # four-space indent on purpose",
			"",
			"savePrefix: ''",
			"",
		].join("\n");
		const app = createApp(
			{ "better-auth": "1.4.22", zod: "4.3.6" },
			{ "pnpm-workspace.yaml": ownYaml, "patches/zod@4.3.6.patch": ownPatch },
		);
		expectStatus(await pnpmInstall(app), 0, "pnpm install");
		const ownPatchApplied = path.join(app, "node_modules/zod/kept-by-apply.txt");
		expect(fs.existsSync(ownPatchApplied)).toBe(true);

		expectStatus(await cli(["apply"], app), 0, "apply");
		const yaml = read(app, "pnpm-workspace.yaml");
		expect(yaml).toBe(
			ownYaml.replace(
				"# four-space indent on purpose\n",
				"# four-space indent on purpose\n    better-auth@1.4.22: patches/better-auth@1.4.22.patch\n",
			),
		);
		expect(fs.existsSync(ownPatchApplied)).toBe(true);

		const again = await cli(["apply"], app);
		expectStatus(again, 0, "second apply");
		expect(again.stdout, "it only checks").toContain("already patched, in effect: nothing changed");
		expect(read(app, "pnpm-workspace.yaml")).toBe(yaml);

		expectStatus(await cli(["remove"], app), 0, "remove");
		expect(read(app, "pnpm-workspace.yaml"), "only the CLI's entry goes").toBe(ownYaml);
		expect(fs.readdirSync(path.join(app, "patches"))).toEqual(["zod@4.3.6.patch"]);
		expect(fs.existsSync(ownPatchApplied)).toBe(true);
		expect((await cli(["check"], app)).status, "the published better-auth is back").toBe(1);
	});
});

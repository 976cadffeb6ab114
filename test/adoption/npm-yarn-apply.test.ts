// `better-auth-org-patch apply|check|remove` in fresh npm and yarn 1 apps, as the
// reporter's (npm, 1.4.0) and today's (1.7.25) would be: the CLI sets up
// patch-package itself, the report's calls work, remove puts the published
// packages back. Installs from the npm registry, so this runs in one project only.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { patchPackageName } from "../../packages/cli/src/patches.mjs";
import { PINNED_YARN } from "../../packages/cli/src/pnpm.mjs";
import { cli, createApp, expectStatus, removeApps, reportScenario, run, runsAppTests, snapshot } from "./apps";

const INSTALL_TIMEOUT = 300_000;
const scenario = reportScenario();

/** How a user installs before applying: npm needs --legacy-peer-deps for the api-key pair (ERESOLVE otherwise). */
const firstInstall = {
	npm: (app: string) => run("npm", ["install", "--legacy-peer-deps", "--no-audit", "--no-fund", "--prefer-offline"], app),
	yarn: (app: string) => run("npx", ["--yes", PINNED_YARN, "install", "--non-interactive"], app),
};

/** kysely 0.29 declares Node 22, which yarn 1 enforces: on Node 20 a yarn user's app says to ignore engines. */
const YARNRC = { ".yarnrc": "--ignore-engines true\n" };

const APPS = [
	{ manager: "npm", dependencies: { "better-auth": "1.4.0" } },
	{ manager: "npm", dependencies: { "better-auth": "1.7.25", "@better-auth/api-key": "1.7.5" } },
	{ manager: "yarn", dependencies: { "better-auth": "1.7.25", "@better-auth/api-key": "1.7.5" } },
] as const;

const manifestOf = (app: string) => JSON.parse(fs.readFileSync(path.join(app, "package.json"), "utf8"));

describe.runIf(runsAppTests)("better-auth-org-patch in npm and yarn 1 apps", { timeout: INSTALL_TIMEOUT }, () => {
	afterAll(removeApps);

	test.each(APPS.map((a) => [`${a.manager}, better-auth ${a.dependencies["better-auth"]}`, a] as const))(
		"%s: apply sets up patch-package, the report's calls work, check passes; remove restores the published packages",
		async (_name, { manager, dependencies }) => {
			const app = createApp({ ...dependencies }, { "report-scenario.mjs": scenario, ...(manager === "yarn" ? YARNRC : {}) });
			expectStatus(await firstInstall[manager](app), 0, `${manager} install`);
			expect((await cli(["check"], app)).status).toBe(1);

			const applied = await cli(["apply"], app);
			expectStatus(applied, 0, "apply");
			const manifest = manifestOf(app);
			expect(manifest.scripts.postinstall).toBe("patch-package");
			expect(manifest.devDependencies["patch-package"]).toBeDefined();
			for (const [name, version] of Object.entries(dependencies)) {
				expect(manifest.dependencies[name], "an exact version: a range could move off the patched release").toBe(version);
				expect(fs.existsSync(path.join(app, "patches", patchPackageName(`${name}@${version}`)))).toBe(true);
			}
			if (manager === "npm" && "@better-auth/api-key" in dependencies) {
				// api-key 1.7.5 pins @better-auth/utils 0.4.2, better-auth 1.7.25 brings 0.5.1: npm's dry run says ERESOLVE.
				expect(fs.readFileSync(path.join(app, ".npmrc"), "utf8")).toContain("legacy-peer-deps=true");
				expect(applied.stdout).toContain("without it, ERESOLVE: peer @better-auth/utils@");
			}

			const steps = JSON.parse((await run(process.execPath, ["report-scenario.mjs"], app)).stdout);
			expect(steps.hasPermissionWithOrganizationId).toEqual({ status: 200, body: { error: null, success: true } });
			expect(steps.getActiveMember).toMatchObject({ status: 200, body: { userId: steps.memberId, role: "member" } });
			expect(steps.setActiveOrganization).toMatchObject({ status: 400, body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" } });
			expectStatus(await cli(["check"], app), 0, "check after apply");

			expectStatus(await cli(["remove"], app), 0, "remove");
			expect(fs.readdirSync(path.join(app, "patches"))).toEqual([]);
			expect(manifestOf(app).scripts?.postinstall).toBeUndefined();
			expect((await cli(["check"], app)).status, "the published packages are back").toBe(1);
		},
	);

	test("a failed install leaves every file of the app as it was", async () => {
		const app = createApp({ "better-auth": "1.4.0" }, {}, { postinstall: "exit 1" });
		expectStatus(await run("npm", ["install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], app), 0, "npm install");
		const before = snapshot(app);
		const applied = await cli(["apply"], app);
		expect(applied.status).toBe(1);
		expect(applied.stdout).toContain("every file apply touched is as it was");
		expect(snapshot(app)).toEqual(before);
	});
});

// npm users: a throwaway npm app per release the suite targets, with the
// generated patch-package files and `"postinstall": "patch-package"`, runs the
// report's scenario (report-scenario.mjs). Installs from the npm registry, so
// this runs in one vitest project only; it covers those releases itself.
import fs from "node:fs";
import { afterAll, describe, expect, test } from "vitest";
import { coversApiKeyPlugin, patchPackageName, supportedPatches } from "../../packages/cli/src/patches.mjs";
import { apiKeyPairOf } from "../../packages/patch-builder/src/releases";
import { TARGET_VERSIONS } from "../../scripts/targets.mjs";
import { cli, createApp, expectStatus, removeApps, reportScenario, run, runsAppTests } from "./apps";

const patches = supportedPatches();

/** better-auth's patch, and from 1.5 on that of the api-key release its peer range pairs it with. */
function patchesFor(betterAuth: (typeof patches)[number]) {
	if (coversApiKeyPlugin(betterAuth)) return [betterAuth];
	const apiKeyId = `@better-auth/api-key@${apiKeyPairOf(betterAuth.version)}`;
	return [betterAuth, patches.find((p) => p.id === apiKeyId)!];
}

function npmApp(betterAuth: (typeof patches)[number]) {
	const used = patchesFor(betterAuth);
	const files: Record<string, string> = { "report-scenario.mjs": reportScenario() };
	for (const p of used) files[`patches/${patchPackageName(p.id)}`] = fs.readFileSync(p.patchPackagePath, "utf8");
	// @better-auth/api-key 1.7.5 pins the peers @better-auth/utils 0.4.2 and better-call 1.4.0, which
	// better-auth 1.7.25 has moved past: npm refuses that tree (ERESOLVE) unless told to install it anyway.
	if (used.length > 1) files[".npmrc"] = "legacy-peer-deps=true\n";
	// Under legacy-peer-deps npm installs no peers, and @better-auth/core 1.5.6-1.6.5 imports its peer
	// @opentelemetry/api: such an app lists it itself, as its author would once it failed to load.
	const peers = used.length > 1 ? [["@opentelemetry/api", "^1.9.0"]] : [];
	const dependencies = Object.fromEntries([...used.map((p) => [p.name, p.version]), ...peers, ["patch-package", "8.0.1"]]);
	return { app: createApp(dependencies, files, { postinstall: "patch-package" }), used };
}

describe.runIf(runsAppTests)("npm apps with patch-package", { timeout: 180_000 }, () => {
	afterAll(removeApps);

	// The anchor releases but 1.4.0 and 1.7.25, whose npm apps go through the CLI's apply (npm-yarn-apply.test.ts);
	// every release's own install is the release matrix's (scripts/releases.ts).
	const viaApply = ["1.4.0", "1.7.25"];
	test.each(patches.filter((p) => p.name === "better-auth" && TARGET_VERSIONS.includes(p.version) && !viaApply.includes(p.version)).map((p) => [p.id, p] as const))(
		"%s: npm install applies the patch-package files and the report's scenario passes",
		async (_id, betterAuth) => {
			const { app, used } = npmApp(betterAuth);
			const install = await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund"], app);
			expectStatus(install, 0, "npm install");
			for (const p of used) expect(install.stdout).toContain(`${p.id} ✔`);

			const scenario = await run(process.execPath, ["report-scenario.mjs"], app);
			expectStatus(scenario, 0, "report-scenario.mjs");
			const steps = JSON.parse(scenario.stdout);
			expect(steps.getSession).toMatchObject({ status: 200, body: { user: { id: steps.memberId } } });
			expect(steps.hasPermission).toMatchObject({
				status: 400,
				body: { code: "NO_ACTIVE_ORGANIZATION", message: expect.stringContaining("organizationId") },
			});
			expect(steps.hasPermissionWithOrganizationId).toEqual({ status: 200, body: { error: null, success: true } });
			expect(steps.hasPermissionDenied).toEqual({ status: 200, body: { error: null, success: false } });
			expect(steps.setActiveOrganization).toMatchObject({
				status: 400,
				body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" },
			});
			expect(steps.getActiveMember).toMatchObject({
				status: 200,
				body: { userId: steps.memberId, organizationId: steps.organizationId, role: "member" },
			});

			expectStatus(await cli(["check"], app), 0, "better-auth-org-patch check");
		},
	);
});

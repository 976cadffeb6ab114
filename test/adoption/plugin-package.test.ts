// The apiKeyOrganizations plugin as an app gets it: packed with `npm pack`, installed
// with `npm install <tarball>` into a fresh npm app of a release as published, where
// it resolves the app's own better-auth. The report's scenario (report-scenario.mjs)
// runs without the plugin (upstream's failures) and with it. Installs from the npm
// registry, so this runs in one vitest project only; it covers its releases itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { apiKeyPairOf, compareVersions } from "../../packages/patch-builder/src/releases";
import { createApp, expectStatus, removeApps, reportScenario, run, runsAppTests } from "./apps";

/** The releases: one before the patch set's range, three anchors, and npm's newest. */
const RELEASES = ["1.3.34", "1.4.22", "1.6.34", "1.7.25", "latest"];

let tarball: string;
beforeAll(async () => {
	if (!runsAppTests) return;
	const into = fs.mkdtempSync(path.join(os.tmpdir(), "api-key-organizations-pack-"));
	const pack = await run("npm", ["pack", "--pack-destination", into], path.resolve("packages/plugin"));
	expectStatus(pack, 0, "npm pack");
	tarball = path.join(into, pack.stdout.trim().split("\n").at(-1) as string);
});

async function npmApp(release: string) {
	const view = await run("npm", ["view", `better-auth@${release}`, "version"], os.tmpdir());
	const version = view.stdout.trim();
	// From 1.5 on the api-key plugin is its own package: the release the matrix pairs, or npm's newest beside npm's newest.
	const pair = release === "latest" ? (await run("npm", ["view", "@better-auth/api-key", "version"], os.tmpdir())).stdout.trim() : apiKeyPairOf(version);
	const apiKey = pair ? { "@better-auth/api-key": pair } : {};
	// Up to 1.6.2 hasPermission's body schema rejects every body on zod 4.4+ (cookie sessions too), which
	// no plugin reaches: such an app pins zod below 4.4, as the plugin's README says.
	const zod = compareVersions(version, "1.6.3") < 0 ? { zod: "4.3.6" } : {};
	// @better-auth/api-key 1.7.5 pins peers better-auth 1.7.25 has moved past: npm refuses that tree (ERESOLVE) unless told.
	const npmrc = pair ? { ".npmrc": "legacy-peer-deps=true\n" } : {};
	const app = createApp({ "better-auth": version, ...apiKey, ...zod }, { "report-scenario.mjs": reportScenario(), ...npmrc });
	expectStatus(await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", tarball], app), 0, "npm install");
	return { app, version };
}

async function scenario(app: string, withPlugin: boolean) {
	const result = await run("env", [`WITH_PLUGIN=${withPlugin ? "1" : ""}`, process.execPath, "report-scenario.mjs"], app);
	expectStatus(result, 0, "report-scenario.mjs");
	return JSON.parse(result.stdout);
}

describe.runIf(runsAppTests)("the plugin in fresh npm apps, as published", { timeout: 240_000 }, () => {
	afterAll(removeApps);

	test.each(RELEASES)("better-auth@%s: the report's calls fail without the plugin and work with it", async (release) => {
		const { app, version } = await npmApp(release);
		const installed = JSON.parse(fs.readFileSync(path.join(app, "node_modules/better-auth/package.json"), "utf8")).version;
		expect(installed, "the app's own better-auth").toBe(version);
		expect(fs.existsSync(path.join(app, "node_modules/better-auth-api-key-organizations/node_modules/better-auth"))).toBe(false);

		const upstream = await scenario(app, false);
		expect(upstream.setActiveOrganization.status).toBe(500);
		expect(upstream.getActiveMember.body?.organizationId).toBeUndefined();

		const steps = await scenario(app, true);
		expect(steps.getSession).toMatchObject({ status: 200, body: { user: { id: steps.memberId } } });
		expect(steps.hasPermissionWithOrganizationId).toEqual({ status: 200, body: { error: null, success: true } });
		expect(steps.hasPermissionDenied).toEqual({ status: 200, body: { error: null, success: false } });
		expect(steps.setActiveOrganization).toMatchObject({ status: 400, body: { code: "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION" } });
		expect(steps.getActiveMember).toMatchObject({
			status: 200,
			body: { userId: steps.memberId, organizationId: steps.organizationId, role: "member" },
		});
		expect(steps.hasPermission).toMatchObject({ status: 400, body: { code: "NO_ACTIVE_ORGANIZATION", message: expect.stringContaining("organizationId") } });
	});
});

// How `apply` finds what the app uses, before it changes anything: versions from
// node_modules or the lockfile, and the workspace the app belongs to.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { installedVersion } from "../../packages/cli/src/installed.mjs";
import { Refusal } from "../../packages/cli/src/refusal.mjs";
import { cli, createApp, removeApps, runsAppTests, snapshot } from "./apps";

/** The importers section of a pnpm-lock.yaml (v9) with these direct dependencies per workspace package. */
function pnpmLock(importers: Record<string, Record<string, string>>) {
	const entries = Object.entries(importers).map(([dir, dependencies]) =>
		[
			`  ${dir}:`,
			"    dependencies:",
			...Object.entries(dependencies).flatMap(([name, version]) => [
				`      '${name}':`,
				`        specifier: ${version}`,
				`        version: ${version}(zod@4.3.6)`,
			]),
		].join("\n"),
	);
	return `lockfileVersion: '9.0'\n\nimporters:\n\n${entries.join("\n\n")}\n\npackages:\n\n  zod@4.3.6: {}\n`;
}

describe.runIf(runsAppTests)("what apply reads from the app", () => {
	afterAll(removeApps);

	test("a workspace's lockfile gives the version its packages resolved, wherever they are", () => {
		const app = createApp({}, { "pnpm-lock.yaml": pnpmLock({ ".": {}, "apps/web": { "better-auth": "1.4.22" }, "apps/api": { "better-auth": "1.4.22" } }) });
		expect(installedVersion(app, "better-auth")).toEqual({ version: "1.4.22", from: "pnpm-lock.yaml" });
		expect(installedVersion(app, "@better-auth/api-key")).toBeUndefined();
	});

	test("several versions in one lockfile are refused, not guessed", () => {
		const app = createApp({}, { "pnpm-lock.yaml": pnpmLock({ "apps/web": { "better-auth": "1.4.22" }, "apps/api": { "better-auth": "1.7.25" } }) });
		expect(() => installedVersion(app, "better-auth")).toThrow(Refusal);
		expect(() => installedVersion(app, "better-auth")).toThrow("several versions (1.4.22, 1.7.25)");
	});

	test("apply in a package of a pnpm workspace is refused and points at the workspace root", async () => {
		const root = createApp({}, { "pnpm-workspace.yaml": "packages:\n  - apps/*\n", "apps/web/package.json": '{ "name": "web" }\n' });
		const before = snapshot(root);
		const refused = await cli(["apply", "apps/web"], root);
		expect(refused.status).toBe(2);
		expect(refused.stderr).toContain(`is part of the pnpm workspace at ${root}: run apply there`);
		expect(snapshot(root)).toEqual(before);
		expect(fs.existsSync(path.join(root, "apps/web/pnpm-workspace.yaml"))).toBe(false);
	});
});

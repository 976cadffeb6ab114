// A release that came out after the CLI: `apply` builds the patch from the app's
// installed files, proves it on a patched copy, and only then writes it; or it
// refuses, naming the edit that no longer matches, and the app stays byte for
// byte. "After the CLI" is made real with a copy of the CLI whose shipped
// manifest stops before better-auth 1.7.25 and @better-auth/api-key 1.7.5.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { supportedPatches } from "../../packages/cli/src/patches.mjs";
import { compareVersions } from "../../packages/patch-builder/src/releases";
import { createApp, expectStatus, pnpmInstall, removeApps, run, runsAppTests, snapshot } from "./apps";

const NEW_RELEASES = ["better-auth@1.7.25", "@better-auth/api-key@1.7.5"];
const dependencies = { "better-auth": "1.7.25", "@better-auth/api-key": "1.7.5", zod: "^4" };
/** `name@version` is `release`'s package at its version or a later one. */
const isSameOrNewer = (id: string, release: string) => {
	const [name, version] = [id.slice(0, id.lastIndexOf("@")), id.slice(id.lastIndexOf("@") + 1)];
	const [releaseName, releaseVersion] = [release.slice(0, release.lastIndexOf("@")), release.slice(release.lastIndexOf("@") + 1)];
	return name === releaseName && compareVersions(version, releaseVersion) >= 0;
};
const shippedFile = (id: string) => fs.readFileSync(supportedPatches().find((p) => p.id === id)!.path, "utf8");

describe.runIf(runsAppTests)("apply on a release newer than the shipped patches", { timeout: 180_000 }, () => {
	let olderCli = "";
	beforeAll(() => {
		olderCli = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-older-cli-"));
		for (const part of ["bin.mjs", "package.json", "src", "builder"]) fs.cpSync(path.join("packages/cli", part), path.join(olderCli, part), { recursive: true });
		fs.cpSync("patches", path.join(olderCli, "patches"), { recursive: true });
		const manifestFile = path.join(olderCli, "patches/releases.json");
		const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
		// Every release from these on, so that they are newer than anything the older CLI ships.
		for (const id of Object.keys(manifest)) if (NEW_RELEASES.some((release) => isSameOrNewer(id, release))) delete manifest[id];
		fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, "\t"));
	});
	afterAll(() => {
		removeApps();
		fs.rmSync(olderCli, { recursive: true, force: true });
	});
	const olderCliRun = (args: string[], cwd: string) => run(process.execPath, [path.join(olderCli, "bin.mjs"), ...args], cwd);

	test("builds the patch from the installed files, byte for byte the one the repository ships, proves it, applies it", async () => {
		const app = createApp(dependencies);
		expectStatus(await pnpmInstall(app), 0, "pnpm install");
		const applied = await olderCliRun(["apply"], app);
		expectStatus(applied, 0, "apply");
		expect(applied.stdout).toContain("newer than the shipped patches; building the patch from the installed files");
		expect(applied.stdout).toContain("the probe passed on a patched copy");
		for (const id of NEW_RELEASES) {
			const file = `${id.replace("/", "__")}.patch`;
			expect(fs.readFileSync(path.join(app, "patches", file), "utf8")).toBe(shippedFile(id));
			expect(fs.readFileSync(path.join(app, "pnpm-workspace.yaml"), "utf8")).toMatch(new RegExp(`^  '?${id}'?: patches/${file}$`, "m"));
		}
		expectStatus(await olderCliRun(["check"], app), 0, "check after apply");
	});

	test("refuses a release whose call site changed, naming the release, the file and the edit, and leaves the app byte for byte", async () => {
		const app = createApp(dependencies);
		expectStatus(await pnpmInstall(app), 0, "pnpm install");
		// The installed file is pnpm's hard link into its store: replaced, not written through.
		const dir = fs.realpathSync(path.join(app, "node_modules/better-auth"));
		const file = path.join(dir, "dist/plugins/organization/call.mjs");
		const changed = fs.readFileSync(file, "utf8").replace("createAuthMiddleware(async () => {", "createAuthMiddleware(async (_context) => {");
		fs.rmSync(file);
		fs.writeFileSync(file, changed);
		const before = snapshot(app);

		const refused = await olderCliRun(["apply"], app);
		expect(refused.status, refused.stdout + refused.stderr).toBe(2);
		expect(refused.stderr).toContain("better-auth@1.7.25 is newer than the shipped patches, and the patch cannot be built for it");
		expect(refused.stderr).toContain("dist/plugins/organization/call.mjs: expected 1 match(es) of const orgMiddleware = createAuthMiddleware(async () => {");
		expect(refused.stderr).toContain("nothing was changed.");
		expect(snapshot(app)).toEqual(before);
	});
});

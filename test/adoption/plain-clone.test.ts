// A newcomer's first run: the CLI as a plain `git clone` has it (its tracked files
// only: no install, no build), in a fresh npm app on npm's latest better-auth with
// its api-key pair, installed as npm installs it by default. apply patches and
// proves, apply again only checks, check passes; nothing is left in the temp
// directory and no .npmrc is written (npm accepts that pair's peers). A release
// older than the patch set is refused in one short message, the app unchanged.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp, expectStatus, removeApps, run, runsAppTests, snapshot } from "./apps";

const INSTALL_TIMEOUT = 300_000;
/** npm's latest when this was written, and the api-key release of the same day (its peers accept it). */
const LATEST = { "better-auth": "1.7.29", "@better-auth/api-key": "1.7.29", zod: "^4" };
/** Older than the patch set's oldest release (1.4.0): the api-key plugin still lived in better-auth. */
const OLD = { "better-auth": "1.2.9" };

const npmInstall = (app: string) => run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline"], app);

describe.runIf(runsAppTests)("the CLI from a plain clone, in a fresh npm app", { timeout: INSTALL_TIMEOUT }, () => {
	let clone = "";
	let tmp = "";
	beforeAll(() => {
		clone = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-clone-"));
		const tracked = execFileSync("git", ["ls-files", "-z", "packages/cli", "patches"], { encoding: "utf8" }).split("\0").filter(Boolean);
		for (const file of tracked) fs.cpSync(file, path.join(clone, file));
		// The CLI's own temp directory: what it leaves there is its own, whoever else uses the machine's.
		tmp = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-tmp-"));
	});
	afterAll(() => {
		removeApps();
		for (const dir of [clone, tmp]) fs.rmSync(dir, { recursive: true, force: true });
	});
	const cli = (args: string[], app: string) => run(process.execPath, [path.join(clone, "packages/cli/bin.mjs"), ...args], app, { TMPDIR: tmp });

	test("npm's latest pair: apply exits 0, apply again exits 0 (already patched), check exits 0; no .npmrc, nothing left in tmp", async () => {
		const app = createApp(LATEST);
		expectStatus(await npmInstall(app), 0, "npm install");

		const applied = await cli(["apply"], app);
		expectStatus(applied, 0, "apply");
		expect(fs.existsSync(path.join(app, ".npmrc")), "npm accepts this pair's peers: no legacy-peer-deps").toBe(false);
		expect(fs.readdirSync(tmp), "build and proof folders removed").toEqual([]);

		const again = await cli(["apply"], app);
		expectStatus(again, 0, "apply again");
		expect(again.stdout).toContain("already patched, in effect");
		expect(again.stdout, "the second apply only checks").not.toContain("running npm install");

		expectStatus(await cli(["check"], app), 0, "check");
		expect(fs.existsSync(path.join(app, ".npmrc"))).toBe(false);
		expect(fs.readdirSync(tmp)).toEqual([]);
	});

	test("better-auth 1.2.x: apply refuses in one short message naming the supported range and what to upgrade to; check says the same; the app is unchanged", async () => {
		const app = createApp(OLD);
		expectStatus(await npmInstall(app), 0, "npm install");
		const before = snapshot(app);

		const refused = await cli(["apply"], app);
		expect(refused.status, refused.stdout + refused.stderr).toBe(2);
		expect(refused.stdout).toBe("");
		expect(refused.stderr).toMatch(/is older than the releases this patch set covers \(1\.4\.0–[\d.]+, and newer releases built on demand\): upgrade better-auth to [\d.]+ \(or any release from 1\.4\.0 on\)/);
		expect(refused.stderr.trim().split("\n"), "one message, and that nothing changed").toHaveLength(2);
		expect(refused.stderr, "the plugin runs on 1.3.0 on only").not.toContain("apiKeyOrganizations");
		expect(refused.stderr.length).toBeLessThan(400);

		const checked = await cli(["check"], app);
		expect(checked.status).toBe(1);
		expect(checked.stdout).toContain("apply cannot patch this app: better-auth@1.2.9 (from node_modules/better-auth) is older than the releases this patch set covers");
		expect(checked.stdout).not.toMatch(/run `.*apply`/);
		expect(snapshot(app)).toEqual(before);
		expect(fs.readdirSync(tmp)).toEqual([]);
	});
});

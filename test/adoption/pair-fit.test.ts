// An app whose @better-auth/api-key release does not accept its better-auth
// release: `pnpm add better-auth@1.7.27 @better-auth/api-key` picks api-key
// 1.7.29, which needs better-auth ^1.7.29 and does not load on 1.7.27's core.
// apply and check say so in words (which release needs which, and the api-key
// release that fits) instead of a SyntaxError from the probe.
import { afterAll, describe, expect, test } from "vitest";
import { cli, createApp, expectStatus, pnpmInstall, removeApps, run, runsAppTests, snapshot } from "./apps";

/** One pnpm install of the pair. */
const INSTALL_TIMEOUT = 180_000;
const MISFIT = "@better-auth/api-key@1.7.29 needs better-auth ^1.7.29 (its peer range), and this app has better-auth 1.7.27.";
const FITS = "For better-auth 1.7.27 install @better-auth/api-key@1.7.27";

describe.runIf(runsAppTests)("an api-key release that does not fit the app's better-auth", { timeout: INSTALL_TIMEOUT }, () => {
	afterAll(removeApps);

	test("apply refuses before any write and check reports it, both naming the api-key release that fits", async () => {
		const app = createApp({ "better-auth": "1.7.27", "@better-auth/api-key": "1.7.29" });
		expectStatus(await pnpmInstall(app), 0, "pnpm install");
		// the pair as installed: the plugin does not load
		const load = await run(process.execPath, ["--input-type=module", "-e", 'await import("@better-auth/api-key")'], app);
		expect(load.stderr).toContain("does not provide an export named 'redactSecondaryStorageErrors'");

		const before = snapshot(app);
		const applied = await cli(["apply"], app);
		expect(applied.status).toBe(2);
		expect(applied.stderr).toContain(MISFIT);
		expect(applied.stderr).toContain(FITS);
		expect(applied.stderr).not.toContain("SyntaxError");
		expect(snapshot(app)).toEqual(before);

		const checked = await cli(["check"], app);
		expect(checked.status).toBe(1);
		expect(checked.stdout).toContain(MISFIT);
		expect(checked.stdout).toContain(FITS);
		expect(checked.stdout).not.toContain("SyntaxError");
	});
});

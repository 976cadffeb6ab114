// The demo of `npm run demo`, the README's first command (which .ci/run runs as
// it is): the example app's releases as published, installed beside the patched
// workspace, the report's calls on both, then the example app over HTTP, every
// answer judged. The workspace is set up already: rebuilding it here would race
// the tests that read its builds.
import { expect, test } from "vitest";
import { installUpstreamForDemo } from "../../scripts/setup.mjs";
import { run } from "../adoption/apps";
import { onPostgres } from "../support/database";
import { runsExampleApp } from "./world";

test.runIf(runsExampleApp && !onPostgres)("the demo shows upstream's answer beside the patched one for each of the report's calls, and every answer is as expected", { timeout: 180_000 }, async () => {
	installUpstreamForDemo();
	const demo = await run("npm", ["--prefix", "packages/example-app", "run", "--silent", "demo"], ".");
	expect(demo.status, demo.stdout + demo.stderr).toBe(0);
	const calls = demo.stdout.slice(demo.stdout.indexOf("The report's calls"));
	expect(calls).toContain("Each uses the member's own API key");
	for (const [published, patched] of [
		["400 NO_ACTIVE_ORGANIZATION: No active organization", "400 NO_ACTIVE_ORGANIZATION: No active organization: a request authenticated with an API key must pass organizationId"],
		["500 {\"message\":\"Cannot read properties of null (reading 'token')\"}", "400 API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION"],
	]) {
		expect(calls).toMatch(new RegExp(`published: ${escape(published)}\\n {2}patched: {3}${escape(patched)}`));
	}
	expect(calls).toContain("[Bob's key bound to acme]");
	expect(demo.stdout.trim().endsWith("every answer as expected")).toBe(true);
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// The CLI's `check` probe, run in this release's app of the release matrix as a
// user's `better-auth-org-patch check` runs it: in effect when patched, and
// (the unpatched run) not in effect as published; in effect in the pull requests' build, which is the fix upstream.
import path from "node:path";
import { expect, test } from "vitest";
import { probe } from "../../packages/cli/src/probe.mjs";
import { PR_BUILD, releaseDir } from "../../scripts/targets.mjs";
import { prBuild } from "../support/capabilities";
import { expectFixed, unpatched } from "../support/expect";
import { version } from "../support/target";

test("the CLI's runtime probe finds the patch in effect in this release's app", () => {
	const outcome = probe(prBuild ? PR_BUILD.dir : path.resolve(releaseDir(unpatched ? "unpatched" : "patched", version)));
	expect(outcome.error).toBeUndefined();
	expectFixed(outcome, {
		fixed: (o) => expect(o.results.filter((r: { ok: boolean }) => !r.ok)).toEqual([]),
		upstream: (o) => expect(o.ok).toBe(false),
	});
});

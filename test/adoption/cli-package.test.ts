// The CLI as published: `npm pack` copies patches/ into the package (prepack)
// and removes the copy afterwards (postpack); unpacked outside the repository,
// it must read its own copy. It is packed from a copy of the repository's
// layout, so the other test files never see the short-lived copy in packages/cli.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { PATCHES_DIR, supportedPatches, supportedRange } from "../../packages/cli/src/patches.mjs";
import { expectStatus, run, runsAppTests } from "./apps";

describe.runIf(runsAppTests)("the packed CLI", () => {
	let work = "";
	afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

	test("ships the repository's patches, reads them outside the repository, and leaves no copy behind", async () => {
		work = fs.mkdtempSync(path.join(os.tmpdir(), "better-auth-org-patch-pack-"));
		const packageDir = path.join(work, "repository/packages/cli");
		fs.cpSync("packages/cli", packageDir, { recursive: true, filter: (source) => !source.includes("node_modules") });
		fs.cpSync("patches", path.join(work, "repository/patches"), { recursive: true });
		const pack = await run("npm", ["pack", "--pack-destination", work], packageDir);
		expectStatus(pack, 0, "npm pack");
		expect(fs.existsSync(path.join(packageDir, "patches"))).toBe(false);
		const tarball = fs.readdirSync(work).find((f) => f.endsWith(".tgz"))!;
		expectStatus(await run("tar", ["xzf", tarball], work), 0, "tar");

		const shipped = path.join(work, "package/patches");
		const patches = supportedPatches();
		const release = patches.find((p) => p.id === "better-auth@1.7.25")!;
		for (const file of [path.join(PATCHES_DIR, "releases.json"), release.path, release.patchPackagePath]) {
			const relative = path.relative(PATCHES_DIR, file);
			expect(fs.readFileSync(path.join(shipped, relative), "utf8")).toBe(fs.readFileSync(file, "utf8"));
		}
		// The builder for releases newer than the shipped patches (src/next-release.mjs), with the modules it adds.
		for (const file of ["builder/index.mjs", "builder/modules/org-plugin.mjs", "builder/modules/api-key-plugin.mjs"]) {
			expect(fs.existsSync(path.join(work, "package", file)), file).toBe(true);
		}
		const help = await run(process.execPath, [path.join(work, "package/bin.mjs"), "--help"], work);
		expectStatus(help, 0, "bin.mjs --help");
		expect(help.stderr).toContain("usage: node package/bin.mjs apply|check|remove");
		// The shipped releases as ranges, read from the package's own copy of patches/.
		for (const name of ["better-auth", "@better-auth/api-key"]) expect(help.stderr).toContain(`${name} ${supportedRange(name)}`);
	});
});

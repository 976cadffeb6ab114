// Installs the packed build of upstream main + every pull request (PR_BUILD in
// scripts/targets.mjs) as an app of the release matrix, the way a user's pnpm app
// installs tarballs: better-auth, @better-auth/api-key and every workspace package
// they depend on from .cache/upstream/pack/, nothing from the registry's better-auth.
// A no-op when the pack is the one installed; exits 1 when there is no pack (run
// `npm run upstream` first).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { targetIndex } from "./releases.ts";
import { pnpm } from "./setup.mjs";
import { PR_BUILD } from "./targets.mjs";

const tarballs = fs.existsSync(PR_BUILD.pack) ? fs.readdirSync(PR_BUILD.pack).filter((file) => file.endsWith(".tgz")) : [];
if (!tarballs.some((file) => file.startsWith("better-auth-api-key-"))) {
	console.error(`no packed build in ${PR_BUILD.pack}: run \`npm run upstream\` first`);
	process.exit(1);
}

/** "@better-auth/core" for better-auth-core-1.7.1.tgz: pnpm pack names a tarball after its package. */
const packageOf = (file: string) => {
	const name = file.replace(/-\d+\.\d+\.\d+\.tgz$/, "");
	return name === "better-auth" ? name : name.replace(/^better-auth-/, "@better-auth/");
};
const workspace = path.dirname(PR_BUILD.dir);
const packed = tarballs.map((file) => [packageOf(file), path.relative(workspace, path.join(PR_BUILD.pack, file))]);

// Every package of the pack is overridden, also where better-auth depends on it, or pnpm would take the registry's.
const yaml = ["packages:", "  - '*'", "strictPeerDependencies: false", "overrides:", ...packed.map(([name, file]) => `  '${name}': 'file:${file}'`), ""];
const manifest = {
	name: `release-${PR_BUILD.name}`,
	private: true,
	type: "module",
	dependencies: { "better-auth": PR_BUILD.base, "@better-auth/api-key": PR_BUILD.base, "@better-auth/core": PR_BUILD.base, zod: "^4" },
};

// The digest of the tarballs and of what is written here: a new pack reinstalls from scratch (pnpm keeps a
// file: tarball it has seen by its path).
const index = targetIndex(PR_BUILD.base);
const hash = createHash("sha256").update(yaml.join("\n")).update(JSON.stringify(manifest)).update(index);
for (const file of tarballs.sort()) hash.update(file).update(fs.readFileSync(path.join(PR_BUILD.pack, file)));
const digest = hash.digest("hex");
const stamp = path.join(workspace, "pack.sha256");
const installedDigest = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : "";
if (installedDigest !== digest || !fs.existsSync(path.join(PR_BUILD.dir, "node_modules/better-auth"))) {
	const started = performance.now();
	fs.rmSync(workspace, { recursive: true, force: true });
	fs.mkdirSync(PR_BUILD.dir, { recursive: true });
	fs.writeFileSync(path.join(workspace, "pnpm-workspace.yaml"), yaml.join("\n"));
	fs.writeFileSync(path.join(workspace, "package.json"), `${JSON.stringify({ name: "matrix-prs", private: true }, null, 2)}\n`);
	fs.writeFileSync(path.join(PR_BUILD.dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
	fs.writeFileSync(path.join(PR_BUILD.dir, "index.ts"), index);
	pnpm(["install", "--no-frozen-lockfile", "--reporter=append-only", "--config.confirmModulesPurge=false"], { cwd: workspace, stdio: ["ignore", "ignore", "inherit"] });
	fs.writeFileSync(stamp, digest);
	console.log(`better-auth@${PR_BUILD.name}: the packed build installed in ${Math.round((performance.now() - started) / 1000)} s`);
}

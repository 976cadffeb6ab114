// Installs each targeted release as published, outside the workspace, so
// `pnpm test:unpatched` can show the reproductions failing the way upstream fails.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { COMPANIONS, TARGET_VERSIONS, unpatchedDir } from "./targets.mjs";

for (const version of TARGET_VERSIONS) {
	const dir = unpatchedDir(version);
	if (fs.existsSync(path.join(dir, "node_modules/better-auth/package.json"))) continue;
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `unpatched-${version}`, private: true }));
	const packages = [`better-auth@${version}`, "zod@^4", ...(COMPANIONS[version] ?? [])];
	console.log(`installing ${packages.join(" ")} unpatched into ${path.relative(process.cwd(), dir)}`);
	execFileSync("npm", ["install", "--ignore-scripts", "--legacy-peer-deps", "--no-audit", "--no-fund", "--loglevel=error", ...packages], {
		cwd: dir,
		stdio: "inherit",
	});
}

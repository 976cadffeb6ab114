// Upstream's own test harness as the published package ships it: `better-auth/test`
// (getTestInstance), loaded from the release this vitest project targets, so
// tests written against it port to the better-auth repository by changing imports.
import { createRequire, register } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { releaseDir } from "../../scripts/targets.mjs";
import { unpatched } from "../support/expect";
import { version } from "../support/target";

/** better-auth 1.7's getTestInstance opens node:sqlite, which Node 20 lacks: map it to better-sqlite3. */
const hasNodeSqlite = await import("node:sqlite" as string).then(
	() => true,
	() => false,
);
if (!hasNodeSqlite) register("./node-sqlite-hook.mjs", import.meta.url);

const release = releaseDir(unpatched ? "unpatched" : "patched", version);
const entry = createRequire(path.join(release, "package.json")).resolve("better-auth/test");
const testUtils = await import(pathToFileURL(entry).href);

type TestInstance = { auth: any; signInWithTestUser: () => Promise<{ headers: Headers; user: { id: string } }> };

/** Upstream's getTestInstance, which logs at debug level: here at warn, so a passing run prints nothing of it. */
export const getTestInstance = (options: Record<string, unknown> = {}, config?: Record<string, unknown>): Promise<TestInstance> =>
	testUtils.getTestInstance({ logger: { level: "warn" }, ...options }, config);

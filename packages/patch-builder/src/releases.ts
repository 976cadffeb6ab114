import fs from "node:fs";
import path from "node:path";
import { acceptsPeerRange } from "../../cli/src/peer-range.mjs";
import { compareVersions } from "./versions.ts";

export interface Releases {
	/** The releases the full suite runs on. */
	anchors: string[];
	/** better-auth releases whose api-key pair is not the one the peer ranges pick (that one does not load). */
	pairs: Record<string, string>;
	/** better-auth releases the suite runs as published only (the plugin's and the bite check's): no patch covers them. */
	"published-only": { "better-auth": string[] };
	/** The better-auth releases the patch set covers. */
	"better-auth": string[];
	/** Each api-key release, with the better-auth versions its peer range accepts. */
	"@better-auth/api-key": Record<string, string>;
}

export const RELEASES: Releases = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../releases.json"), "utf8"));

export { compareVersions };

/**
 * The api-key release a user of better-auth@version installs: the newest whose
 * peer range accepts it, else (1.5.0, which no api-key release accepts) the oldest
 * newer one, unless `pairs` names another. Null up to 1.4.x, where better-auth
 * bundles the plugin. `releases`: another list than releases.json's (the sync compares the two).
 */
export function apiKeyPairOf(version: string, releases: Releases = RELEASES): string | null {
	if (compareVersions(version, "1.5.0") < 0) return null;
	if (Object.hasOwn(releases.pairs, version)) return releases.pairs[version];
	const all = Object.entries(releases["@better-auth/api-key"]).sort(([a], [b]) => compareVersions(a, b));
	const accepting = all.filter(([, range]) => acceptsPeerRange(range, version));
	return (accepting.at(-1) ?? all.find(([v]) => compareVersions(v, version) > 0))?.[0] ?? null;
}

/** Every package id the patch set patches, better-auth's releases first. */
export function releaseIds(): string[] {
	return [
		...RELEASES["better-auth"].map((v) => `better-auth@${v}`),
		...Object.keys(RELEASES["@better-auth/api-key"]).map((v) => `@better-auth/api-key@${v}`),
	];
}

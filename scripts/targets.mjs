import path from "node:path";

/** The better-auth releases the patch set targets; each has packages/target-<version>. */
export const TARGET_VERSIONS = ["1.4.0", "1.4.22", "1.7.25"];

/** Packages each release needs beside better-auth, unpatched as published. */
export const COMPANIONS = { "1.7.25": ["@better-auth/api-key@1.7.5"] };

export const unpatchedDir = (version) => path.resolve(".cache/unpatched", version);

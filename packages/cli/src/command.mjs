import path from "node:path";

/**
 * The command the user ran, for messages that advise running it again: the
 * bin's name when installed from the package, else `node <path>/bin.mjs` as
 * run from a clone, where no `better-auth-org-patch` is on PATH.
 */
const script = process.argv[1] ?? "";
export const SELF = path.basename(script) === "bin.mjs" ? `node ${path.relative(process.cwd(), script)}` : "better-auth-org-patch";

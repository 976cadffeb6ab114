// Upstream's suites expect PostgreSQL on 127.0.0.1:5432, which a machine's own
// server may hold. As root, the checks run in a network namespace of their own
// (`unshare --net`, loopback only): the throwaway server gets 5432 there, and
// the suites reach nothing outside. The install, which needs the registry,
// runs before.
import { spawnSync } from "node:child_process";
import { asRoot, onPath } from "../throwaway-server.mjs";

const ISOLATED = "UPSTREAM_ISOLATED";

export const isIsolated = () => process.env[ISOLATED] === "1";

/** Re-runs this script in a new network namespace and exits with its status; returns if that is not possible. */
export function rerunIsolated() {
	if (isIsolated() || !asRoot || !onPath("unshare") || !onPath("ip")) return;
	const result = spawnSync(
		"unshare",
		["--net", "sh", "-c", 'ip link set lo up && exec "$0" "$@"', process.execPath, ...process.argv.slice(1)],
		{ stdio: "inherit", env: { ...process.env, [ISOLATED]: "1" } },
	);
	process.exit(result.status ?? 1);
}

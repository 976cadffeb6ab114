// How hasPermission by a bound key behaves as the data grows: an organization of
// 10, 1,000 and 100,000 members, then its member Bob in 1, 100 and 10,000
// organizations. At each size: the database's plan for the membership read, and
// the latency of one connection's requests (patched packages only: the bound
// key has no unpatched equivalent). Last, the same data with an index on member
// (organizationId, userId), which better-auth's migrations do not create.
import type { DatabaseProvider } from "./databases";
import { type Load, measureLatency, probe } from "./load";
import { SCENARIOS } from "./scenarios";
import type { ScaleSize } from "./protocol";
import { startServer } from "./variants";

export const SCALE_STEPS: ScaleSize[] = [
	{ organizationMembers: 10, userMemberships: 1 },
	{ organizationMembers: 1_000, userMemberships: 1 },
	{ organizationMembers: 100_000, userMemberships: 1 },
	{ organizationMembers: 100_000, userMemberships: 100 },
	{ organizationMembers: 100_000, userMemberships: 10_000 },
	{ organizationMembers: 100_000, userMemberships: 10_000, compositeIndex: true },
];

export interface ScaleStep extends ScaleSize {
	insertSeconds: number;
	plan: string[];
	/** The member table's indexes at this step. */
	indexes: string[];
	/** The membership read alone, median of repeated runs through the driver. */
	readMilliseconds: number;
	load: Load;
}

export interface ScaleResult {
	version: string;
	database: DatabaseProvider["kind"];
	seconds: number;
	steps: ScaleStep[];
}

const boundKey = SCENARIOS.find((s) => s.name === "hasPermission, bound key");

export async function runScale(version: string, databases: DatabaseProvider, seconds: number): Promise<ScaleResult> {
	if (!boundKey) throw new Error("the bound-key scenario is missing");
	const server = await startServer(version, "patched", await databases.create(`${version}-scale`));
	try {
		const request = boundKey.request(server.credentials);
		if (!request) throw new Error("the patched server has no bound key");
		const steps: ScaleStep[] = [];
		for (const size of SCALE_STEPS) {
			const grown = await server.command({ type: "grow", ...size });
			const plan = await server.command({ type: "explain" });
			const reply = await probe(server.url, request);
			if (reply.status !== 200 || !reply.body.includes('"success":true')) throw new Error(`bound key at ${JSON.stringify(size)}: HTTP ${reply.status} ${reply.body}`);
			await measureLatency(server.url, request, 1);
			const load = await measureLatency(server.url, request, seconds);
			const step = {
				...size,
				insertSeconds: grown.type === "grown" ? grown.seconds : Number.NaN,
				plan: plan.type === "plan" ? plan.lines : [],
				indexes: plan.type === "plan" ? plan.indexes : [],
				readMilliseconds: plan.type === "plan" ? plan.readMilliseconds : Number.NaN,
				load,
			};
			console.log(
				`  ${databases.kind} org ${size.organizationMembers} members, user in ${size.userMemberships} orgs${size.compositeIndex ? ", composite index" : ""}: read ${step.readMilliseconds.toFixed(3)} ms, request p50 ${load.p50} ms  p99 ${load.p99} ms  ${load.requestsPerSecond.toFixed(0)} req/s  plan: ${step.plan.join(" / ")}`,
			);
			steps.push(step);
		}
		return { version, database: databases.kind, seconds, steps };
	} finally {
		server.stop();
	}
}

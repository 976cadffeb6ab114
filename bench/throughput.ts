// Throughput and latency of each scenario, patched against unpatched of the same
// release: both servers run side by side, and every round measures them in turn,
// alternating which goes first, so that drift on the machine hits both alike.
import { type Load, probe, runLoad } from "./load";
import type { Request } from "./scenarios";
import type { DatabaseProvider } from "./databases";
import type { Database } from "./protocol";
import { type Scenario, SCENARIOS } from "./scenarios";
import { type Server, startServer, type Variant } from "./variants";

export interface LoadSettings {
	rounds: number;
	seconds: number;
	connections: number;
	warmupSeconds: number;
}

/** One variant's load in one round, with the CPU time its server process spent per request (SQLite's work included, PostgreSQL's not). */
export interface RoundLoad extends Load {
	cpuMillisecondsPerRequest: number;
}

export interface ScenarioResult {
	scenario: Scenario;
	/** Loads per round, per variant; a variant is missing when it cannot run the scenario. */
	loads: Partial<Record<Variant, RoundLoad[]>>;
	/** Why a variant was not measured (e.g. its probe did not answer 200). */
	skipped: Partial<Record<Variant, string>>;
	/** Patched over unpatched (or over the patched baseline) req/s, per round. */
	ratios: number[];
	/** Unpatched (or baseline) over patched CPU time per request, per round: above 1, patched costs less. */
	cpuRatios: number[];
}

export interface ThroughputResult {
	version: string;
	database: Database["kind"];
	settings: LoadSettings;
	scenarios: ScenarioResult[];
}

const describeReply = ({ status, body }: { status: number; body: string }) => `HTTP ${status} ${body.slice(0, 120)}`;

/** Each variant's request for the scenario, or the reason it cannot be measured. */
async function prepare(scenario: Scenario, servers: Server[]) {
	const requests = new Map<Server, ReturnType<Scenario["request"]>>();
	const skipped: ScenarioResult["skipped"] = {};
	for (const server of servers) {
		const request = scenario.request(server.credentials);
		if (!request) {
			skipped[server.variant] = "no such request on this variant";
			continue;
		}
		const reply = await probe(server.url, request);
		if (reply.status !== 200 || /"success":false/.test(reply.body)) skipped[server.variant] = describeReply(reply);
		else requests.set(server, request);
	}
	return { requests, skipped };
}

/** `databases` gives each server its own, empty database. */
export async function runThroughput(version: string, databases: DatabaseProvider, settings: LoadSettings): Promise<ThroughputResult> {
	const servers: Server[] = [];
	try {
		for (const variant of ["patched", "unpatched"] as const) servers.push(await startServer(version, variant, await databases.create(`${version}-${variant}`)));
		const prepared = new Map<Scenario, Awaited<ReturnType<typeof prepare>>>();
		for (const scenario of SCENARIOS) prepared.set(scenario, await prepare(scenario, servers));

		const loads = new Map<Scenario, Partial<Record<Variant, RoundLoad[]>>>(SCENARIOS.map((s) => [s, {}]));
		for (const { requests } of prepared.values()) {
			for (const [server, request] of requests) if (request) await runLoad(server.url, request, settings.warmupSeconds, settings.connections);
		}
		for (let round = 0; round < settings.rounds; round++) {
			const order = round % 2 === 0 ? servers : [...servers].reverse();
			for (const [scenario, { requests }] of prepared) {
				for (const server of order) {
					const request = requests.get(server);
					if (!request) continue;
					const load = await runMeasured(server, request, settings);
					const byVariant = loads.get(scenario) ?? {};
					(byVariant[server.variant] ??= []).push(load);
					process.stdout.write(
						`  round ${round + 1} ${scenario.name.padEnd(42)} ${server.variant.padEnd(9)} ${load.requestsPerSecond.toFixed(0).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms${load.failures ? `  ${load.failures} FAILED` : ""}  CPU ${load.cpuMillisecondsPerRequest.toFixed(3)} ms/request\n`,
					);
				}
			}
		}
		return {
			version,
			database: databases.kind,
			settings,
			scenarios: SCENARIOS.map((scenario) => ({
				scenario,
				loads: loads.get(scenario) ?? {},
				skipped: prepared.get(scenario)?.skipped ?? {},
				ratios: ratios(scenario, loads, (l) => l.requestsPerSecond),
				cpuRatios: ratios(scenario, loads, (l) => 1 / l.cpuMillisecondsPerRequest),
			})),
		};
	} finally {
		for (const server of servers) server.stop();
	}
}

async function cpuMicroseconds(server: Server): Promise<number> {
	const reply = await server.command({ type: "cpu" });
	if (reply.type !== "cpu") throw new Error(`unexpected reply to a CPU query: ${reply.type}`);
	return reply.microseconds;
}

async function runMeasured(server: Server, request: Request, settings: LoadSettings): Promise<RoundLoad> {
	const before = await cpuMicroseconds(server);
	const load = await runLoad(server.url, request, settings.seconds, settings.connections);
	const spent = (await cpuMicroseconds(server)) - before;
	return { ...load, cpuMillisecondsPerRequest: spent / 1000 / Math.max(1, load.requests) };
}

/** Per round, of `goodness` (higher is better): patched over unpatched, or for a patched-only scenario, over its patched baseline. */
function ratios(scenario: Scenario, loads: Map<Scenario, Partial<Record<Variant, RoundLoad[]>>>, goodness: (load: RoundLoad) => number): number[] {
	const patched = loads.get(scenario)?.patched ?? [];
	const baselineScenario = scenario.patchedOnly && SCENARIOS.find((s) => s.name === scenario.patchedOnly?.baseline);
	const baseline = baselineScenario ? loads.get(baselineScenario)?.patched : loads.get(scenario)?.unpatched;
	if (!baseline) return [];
	return patched.flatMap((load, round) => (baseline[round] ? [goodness(load) / goodness(baseline[round])] : []));
}

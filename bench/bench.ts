// `pnpm bench`: throughput and latency of the patched against the unpatched
// packages (bench/results/results.md, chart.svg); `--scale` adds the scale runs
// (bench/results/scale.md). See bench/README.md for the flags.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { TARGET_VERSIONS } from "../scripts/targets.mjs";
import { type DatabaseProvider, postgresProvider, sqliteProvider } from "./databases";
import { describeMachine } from "./machine";
import { scaleMarkdown, throughputMarkdown, throughputSvg } from "./report";
import { runScale, type ScaleResult } from "./scale";
import { runThroughput, type ThroughputResult } from "./throughput";

const { values: flags } = parseArgs({
	options: {
		release: { type: "string", multiple: true },
		"all-releases": { type: "boolean", default: false },
		postgres: { type: "boolean", default: false },
		scale: { type: "boolean", default: false },
		"no-throughput": { type: "boolean", default: false },
		rounds: { type: "string", default: "8" },
		seconds: { type: "string", default: "3" },
		connections: { type: "string", default: "10" },
		"scale-seconds": { type: "string", default: "3" },
		"patched-index": { type: "string" },
		out: { type: "string", default: "bench/results" },
	},
});

const releases = flags["all-releases"] ? TARGET_VERSIONS : (flags.release ?? ["1.7.25"]);
for (const release of releases) if (!TARGET_VERSIONS.includes(release)) throw new Error(`not a targeted release: ${release}`);
const settings = { rounds: Number(flags.rounds), seconds: Number(flags.seconds), connections: Number(flags.connections), warmupSeconds: 1 };

if (flags["patched-index"]) process.env.BENCH_PATCHED_INDEX = path.resolve(flags["patched-index"]);

const providers: DatabaseProvider[] = [sqliteProvider()];
const machine = describeMachine();
const started = performance.now();
const throughput: ThroughputResult[] = [];
const scale: ScaleResult[] = [];
try {
	if (flags.postgres) providers.push(await postgresProvider());
	for (const databases of providers) {
		for (const release of releases) {
			if (!flags["no-throughput"]) {
				console.log(`throughput: better-auth ${release} on ${databases.kind}`);
				throughput.push(await runThroughput(release, databases, settings));
			}
			if (flags.scale) {
				console.log(`scale: better-auth ${release} on ${databases.kind}`);
				scale.push(await runScale(release, databases, Number(flags["scale-seconds"])));
			}
		}
	}
} finally {
	for (const databases of providers) await databases.close();
}
machine.loadAfter = os.loadavg()[0];

fs.mkdirSync(flags.out, { recursive: true });
const written: string[] = [];
const write = (name: string, text: string) => {
	fs.writeFileSync(path.join(flags.out, name), text);
	written.push(path.join(flags.out, name));
};
if (throughput.length) {
	write("results.md", throughputMarkdown(throughput, machine));
	write("chart.svg", throughputSvg(throughput, machine));
}
if (scale.length) write("scale.md", scaleMarkdown(scale, machine));
console.log(`wrote ${written.join(", ")} in ${((performance.now() - started) / 1000).toFixed(0)} s`);

// Writes the benchmark's results: a markdown table, a hand-drawn SVG chart of
// requests per second, and the scale table.
import { type Machine, machineLines } from "./machine";
import type { ScaleResult } from "./scale";
import type { RoundLoad, ScenarioResult, ThroughputResult } from "./throughput";

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Median with the min–max over rounds. */
export function spread(values: number[], digits = 0) {
	const f = (v: number) => v.toFixed(digits);
	return { median: median(values), min: Math.min(...values), max: Math.max(...values), text: `${f(median(values))} [${f(Math.min(...values))}–${f(Math.max(...values))}]` };
}

const DATABASE_NAMES = { sqlite: "SQLite (file, default journal)", postgres: "PostgreSQL" };

function ratioCell(result: ScenarioResult, ratios: number[]): string {
	if (!ratios.length) return "n/a";
	const ratio = spread(ratios, 3);
	const { target, patchedOnly } = result.scenario;
	if (target === undefined) return `${ratio.text} vs ${patchedOnly?.baseline ?? "unpatched"}, patched; no target`;
	const within = (r: number) => r >= target.min && (target.max === undefined || r <= target.max);
	const met = within(ratio.median) ? (within(ratio.min) && within(ratio.max) ? "met" : "met by the median, not every round") : "**missed**";
	const wanted = target.max === undefined ? `≥ ${target.min}` : `${target.min}–${target.max}`;
	return `${ratio.text}; target ${wanted}: ${met}`;
}

function loadCells(loads: RoundLoad[] | undefined, skipped: string | undefined): string[] {
	if (!loads?.length) return [`not measured: ${skipped ?? "?"}`, "", "", ""];
	const failures = loads.reduce((n, l) => n + l.failures, 0);
	return [
		spread(loads.map((l) => l.requestsPerSecond)).text + (failures ? ` (${failures} failed requests)` : ""),
		spread(loads.map((l) => l.p50)).median.toFixed(1),
		spread(loads.map((l) => l.p99)).median.toFixed(1),
		spread(loads.map((l) => l.cpuMillisecondsPerRequest), 3).text,
	];
}

export function throughputMarkdown(results: ThroughputResult[], machine: Machine): string {
	const lines = [
		"# Benchmark: patched vs unpatched better-auth",
		"",
		"Written by `pnpm bench` (bench/README.md). unpatched: the release as published (npm install); patched: the",
		"same install with patches/ applied. Each server is `auth.handler` behind `node:http` on 127.0.0.1, in its own",
		"process, with the test suite's configuration (test/support/auth.ts). autocannon drives one server at a time;",
		"every round measures each scenario on the patched and the unpatched server in turn, alternating which goes",
		"first. req/s and the ratio: median over rounds [min–max]; p50/p99: median over rounds, in ms. CPU: the",
		"server process's user and system time per request over the round (process.cpuUsage; it includes SQLite's",
		"work, not the PostgreSQL server's), which other load on the machine sways far less than req/s; its ratio is",
		"unpatched over patched, so above 1 means patched costs less, as a req/s ratio above 1 means patched serves more.",
		"",
		...machineLines(machine),
	];
	for (const result of results) {
		const { rounds, seconds, connections } = result.settings;
		lines.push(
			"",
			`## better-auth ${result.version} on ${DATABASE_NAMES[result.database]}`,
			"",
			`${rounds} rounds × ${seconds} s per scenario and variant, ${connections} connections.`,
			"",
			"| scenario | variant | req/s | p50 | p99 | CPU ms / request | patched / unpatched req/s | unpatched / patched CPU per request |",
			"|---|---|---|---|---|---|---|---|",
		);
		for (const scenario of result.scenarios) {
			const variants = scenario.scenario.patchedOnly ? (["patched"] as const) : (["patched", "unpatched"] as const);
			variants.forEach((variant, i) => {
				const cells = loadCells(scenario.loads[variant], scenario.skipped[variant]);
				const ratios = i ? ["", ""] : [ratioCell(scenario, scenario.ratios), ratioCell(scenario, scenario.cpuRatios)];
				lines.push(`| ${i ? "" : scenario.scenario.name} | ${variant} | ${cells.join(" | ")} | ${ratios.join(" | ")} |`);
			});
		}
	}
	return `${lines.join("\n")}\n`;
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** 1, 2 or 5 times a power of ten: round gridline values. */
function niceStep(rough: number): number {
	const power = 10 ** Math.floor(Math.log10(rough));
	return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? rough;
}

/** Grouped bars of req/s per scenario, patched and unpatched, whiskers from the min to the max round. */
export function throughputSvg(results: ThroughputResult[], machine: Machine): string {
	const width = 960;
	const panelHeight = 320;
	const top = 60;
	const left = 70;
	const plotWidth = width - left - 20;
	const plotHeight = panelHeight - 110;
	const colors = { patched: "#2563eb", unpatched: "#9ca3af" };
	const parts: string[] = [];
	results.forEach((result, panel) => {
		const y0 = top + panel * panelHeight;
		const all = result.scenarios.flatMap((s) => Object.values(s.loads).flatMap((loads) => loads.map((l) => l.requestsPerSecond)));
		const step = niceStep((Math.max(1, ...all) * 1.15) / 4);
		const max = step * 4;
		const y = (value: number) => y0 + 30 + plotHeight - (value / max) * plotHeight;
		parts.push(`<text x="${left}" y="${y0 + 14}" font-weight="bold">better-auth ${result.version}, ${escape(DATABASE_NAMES[result.database])}: requests per second</text>`);
		for (let i = 0; i <= 4; i++) {
			const value = step * i;
			parts.push(
				`<line x1="${left}" x2="${left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
				`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" font-size="11">${value.toFixed(0)}</text>`,
			);
		}
		const groupWidth = plotWidth / result.scenarios.length;
		result.scenarios.forEach((scenario, g) => {
			const x0 = left + g * groupWidth;
			const variants = (["patched", "unpatched"] as const).filter((v) => scenario.loads[v]?.length);
			const barWidth = Math.min(70, (groupWidth - 40) / 2);
			const start = x0 + (groupWidth - barWidth * variants.length - 8 * (variants.length - 1)) / 2;
			variants.forEach((variant, b) => {
				const rps = spread((scenario.loads[variant] ?? []).map((l) => l.requestsPerSecond));
				const x = start + b * (barWidth + 8);
				const cx = x + barWidth / 2;
				parts.push(
					`<rect x="${x}" y="${y(rps.median)}" width="${barWidth}" height="${y(0) - y(rps.median)}" fill="${colors[variant]}"/>`,
					`<line x1="${cx}" x2="${cx}" y1="${y(rps.max)}" y2="${y(rps.min)}" stroke="#111827"/>`,
					`<line x1="${cx - 6}" x2="${cx + 6}" y1="${y(rps.max)}" y2="${y(rps.max)}" stroke="#111827"/>`,
					`<line x1="${cx - 6}" x2="${cx + 6}" y1="${y(rps.min)}" y2="${y(rps.min)}" stroke="#111827"/>`,
					`<text x="${cx}" y="${y(rps.max) - 5}" text-anchor="middle" font-size="11">${rps.median.toFixed(0)}</text>`,
				);
			});
			const ratio = scenario.ratios.length ? spread(scenario.ratios, 3) : null;
			const ratioText = ratio ? `ratio ${ratio.text}${scenario.scenario.patchedOnly ? " vs key + id" : ""}` : "patched only";
			parts.push(
				`<text x="${x0 + groupWidth / 2}" y="${y(0) + 18}" text-anchor="middle" font-size="12">${escape(scenario.scenario.name)}</text>`,
				`<text x="${x0 + groupWidth / 2}" y="${y(0) + 34}" text-anchor="middle" font-size="11" fill="#374151">${escape(ratioText)}</text>`,
			);
		});
	});
	const height = top + results.length * panelHeight;
	const legend = (["patched", "unpatched"] as const)
		.map((variant, i) => `<rect x="${left + i * 110}" y="30" width="12" height="12" fill="${colors[variant]}"/><text x="${left + i * 110 + 18}" y="40" font-size="12">${variant}</text>`)
		.join("");
	const caption = `${machine.cpus} CPUs, ${machine.cpuModel}, Node ${machine.node}, ${machine.date}; bars: median of rounds, whiskers: min–max`;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="13">`,
		`<rect width="100%" height="100%" fill="white"/>`,
		`<text x="${left}" y="20" font-size="12" fill="#374151">${escape(caption)}</text>`,
		legend,
		...parts,
		"</svg>",
		"",
	].join("\n");
}

const thousands = (n: number) => n.toLocaleString("en-US");

export function scaleMarkdown(results: ScaleResult[], machine: Machine): string {
	const lines = [
		"# Scale: hasPermission by a bound key as the data grows",
		"",
		"Written by `pnpm bench --scale`. One patched server; rows are bulk-inserted with SQL between steps. Latency",
		"of one connection's back-to-back requests; the plan is the database's for the membership read",
		'`select * from "member" where ("member"."organizationId" = ? and "member"."userId" = ?)`.',
		"",
		...machineLines(machine),
	];
	for (const result of results) {
		const migrated = result.steps[0]?.indexes ?? [];
		lines.push(
			"",
			`## better-auth ${result.version} on ${DATABASE_NAMES[result.database]}`,
			"",
			`${result.seconds} s per step, 1 connection. Indexes on member as better-auth's migrations create them:`,
			"",
			...migrated.map((index) => `- \`${index}\``),
			"",
			"| organization members | user's memberships | index on member | membership read ms | request p50 ms | request p99 ms | req/s | plan of the membership read |",
			"|---|---|---|---|---|---|---|---|",
		);
		for (const step of result.steps) {
			const plan = step.plan.map((line) => `\`${line.trim()}\``).join("<br>");
			const index = step.compositeIndex ? "+ (organizationId, userId)" : "as migrated";
			lines.push(
				`| ${thousands(step.organizationMembers)} | ${thousands(step.userMemberships)} | ${index} | ${step.readMilliseconds.toFixed(3)} | ${step.load.p50} | ${step.load.p99} | ${step.load.requestsPerSecond.toFixed(0)} | ${plan} |`,
			);
		}
	}
	return `${lines.join("\n")}\n`;
}

// The machine a benchmark ran on, for the results' header.
import fs from "node:fs";
import os from "node:os";

export interface Machine {
	cpus: number;
	cpuModel: string;
	node: string;
	date: string;
	/** 1-minute load average before and after the run: other work on the machine skews the figures. */
	loadBefore: number;
	loadAfter?: number;
}

function cpuModel(): string {
	const info = fs.existsSync("/proc/cpuinfo") ? fs.readFileSync("/proc/cpuinfo", "utf8") : "";
	return /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
}

export function describeMachine(): Machine {
	return {
		cpus: os.availableParallelism(),
		cpuModel: cpuModel(),
		node: process.version,
		date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
		loadBefore: os.loadavg()[0],
	};
}

export function machineLines(machine: Machine): string[] {
	const load = `${machine.loadBefore.toFixed(2)} before, ${machine.loadAfter?.toFixed(2) ?? "?"} after`;
	return [
		`- machine: ${machine.cpus} CPUs (\`nproc\`), ${machine.cpuModel}`,
		`- Node ${machine.node}, ${machine.date}`,
		`- load average (1 min): ${load}`,
	];
}

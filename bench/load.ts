// One bounded load run with autocannon against a server on 127.0.0.1.
import autocannon from "autocannon";
import type { Request } from "./scenarios";

export interface Load {
	requests: number;
	requestsPerSecond: number;
	p50: number;
	p99: number;
	/** Responses other than 2xx, and connection errors: a run with any is not a measurement. */
	failures: number;
}

export async function runLoad(url: string, request: Request, seconds: number, connections: number): Promise<Load> {
	const result = await autocannon({
		url: url + request.path,
		method: request.method,
		headers: request.headers,
		body: request.body,
		connections,
		duration: seconds,
	});
	return {
		requests: result.requests.total,
		requestsPerSecond: result.requests.total / result.duration,
		p50: result.latency.p50,
		p99: result.latency.p99,
		failures: result.non2xx + result.errors,
	};
}

/**
 * Back-to-back requests on one connection for `seconds`, timed one by one:
 * autocannon reports whole milliseconds, too coarse for a single lookup's cost.
 */
export async function measureLatency(url: string, request: Request, seconds: number): Promise<Load> {
	const durations: number[] = [];
	let failures = 0;
	const end = performance.now() + seconds * 1000;
	while (performance.now() < end) {
		const started = performance.now();
		const reply = await probe(url, request);
		durations.push(performance.now() - started);
		if (reply.status !== 200) failures++;
	}
	durations.sort((a, b) => a - b);
	const at = (q: number) => Number(durations[Math.min(durations.length - 1, Math.floor(q * durations.length))].toFixed(2));
	return { requests: durations.length, requestsPerSecond: durations.length / seconds, p50: at(0.5), p99: at(0.99), failures };
}

/** One request, to check that a scenario answers as expected before it is measured. */
export async function probe(url: string, request: Request): Promise<{ status: number; body: string }> {
	const response = await fetch(url + request.path, { method: request.method, headers: request.headers, body: request.body });
	return { status: response.status, body: await response.text() };
}

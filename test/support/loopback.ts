// auth.handler behind a real node:http server on 127.0.0.1, and a client for it:
// requests cross a socket, as in a deployed app.
import http from "node:http";
import type { TestAuth } from "./auth";
import type { Reply } from "./call";

export interface Loopback {
	/** The auth API over the socket: `call("POST", "/organization/...", { headers, body })`. */
	call(method: "GET" | "POST", path: string, input: { headers?: Headers; body?: unknown; query?: Record<string, string> }): Promise<Reply>;
	close(): Promise<void>;
}

/** The app's public origin (auth.ts baseURL): requests are addressed to it, whatever port the server has. */
const ORIGIN = "http://localhost:3000";

export async function serveOnLoopback(auth: TestAuth): Promise<Loopback> {
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const headers = new Headers();
		for (const [name, value] of Object.entries(req.headers)) {
			for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
		}
		const hasBody = req.method !== "GET" && req.method !== "HEAD";
		const response = await auth.handler(
			new Request(new URL(req.url ?? "/", ORIGIN), { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }),
		);
		res.writeHead(response.status, [...response.headers].flat());
		res.end(Buffer.from(await response.arrayBuffer()));
	});
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const { port } = server.address() as { port: number };
	return {
		async call(method, path, { headers, body, query }) {
			const url = new URL(`/api/auth${path}`, `http://127.0.0.1:${port}`);
			for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
			const h = new Headers(headers);
			h.set("origin", ORIGIN);
			if (body !== undefined) h.set("content-type", "application/json");
			const response = await fetch(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
			const text = await response.text();
			try {
				return { status: response.status, body: text ? JSON.parse(text) : null };
			} catch {
				return { status: response.status, body: text };
			}
		},
		close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
	};
}

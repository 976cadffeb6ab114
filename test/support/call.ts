import type { TestAuth } from "./auth";

export interface Reply<T = any> {
	status: number;
	body: T;
}

type Input = { headers?: Headers; body?: unknown; query?: unknown };

async function toReply(response: Response): Promise<Reply> {
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Calls `auth.api[endpoint]` and returns status and JSON body, whatever it threw. */
export async function api(auth: TestAuth, endpoint: string, input: Input): Promise<Reply> {
	const fn = (auth.api as Record<string, (i: unknown) => Promise<Response>>)[endpoint];
	if (!fn) throw new Error(`auth.api.${endpoint} does not exist`);
	try {
		return await toReply(await fn({ ...input, asResponse: true }));
	} catch (error) {
		const e = error as { statusCode?: number; body?: unknown; message?: string };
		return { status: e.statusCode ?? 500, body: e.body ?? { message: e.message } };
	}
}

/** The same call as a real HTTP request through `auth.handler`. */
export async function http(
	auth: TestAuth,
	method: "GET" | "POST",
	path: string,
	{ headers, body, query }: Input,
): Promise<Reply> {
	const url = new URL(`/api/auth${path}`, "http://localhost:3000");
	// A list is a repeated parameter: `?organizationId=a&organizationId=b`.
	for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) for (const item of [v].flat()) url.searchParams.append(k, String(item));
	const h = new Headers(headers);
	if (body !== undefined) h.set("content-type", "application/json");
	h.set("origin", "http://localhost:3000");
	return toReply(
		await auth.handler(new Request(url, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })),
	);
}

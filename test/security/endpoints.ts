// The organization plugin's endpoints, read from the auth instance itself, so an
// endpoint a release adds is covered without anyone listing it.
import type { TestAuth } from "../support/auth";
import { api, http, type Reply } from "../support/call";
import { viaClient } from "../support/client";

export interface Endpoint {
	/** The `auth.api` function name. */
	name: string;
	path: string;
	method: "GET" | "POST";
	/** Where the endpoint reads its input: the body for POST, the query for GET. */
	input: "body" | "query";
	/** Fields the input schema requires (for a union, those of its first option). */
	required: string[];
	/** Every field the input schema names, required or not. */
	fields: string[];
	/** Callable through `auth.api` only (by the server, trusted); over HTTP it must not answer. */
	serverOnly: boolean;
}

interface ZodLike {
	safeParse(value: unknown): { success: boolean };
	_zod?: { def: { type: string; shape?: Record<string, ZodLike>; left?: ZodLike; right?: ZodLike; options?: ZodLike[]; innerType?: ZodLike } };
}

/** The fields of an input schema, with whether each is required once an input is sent at all. */
function fieldsOf(schema: ZodLike | undefined): { name: string; required: boolean }[] {
	const def = schema?._zod?.def;
	switch (def?.type) {
		case "object":
			return Object.entries(def.shape ?? {}).map(([name, field]) => ({ name, required: !field.safeParse(undefined).success }));
		case "intersection":
			return [...fieldsOf(def.left), ...fieldsOf(def.right)];
		case "union":
			return fieldsOf(def.options?.[0]);
		case "optional":
			return fieldsOf(def.innerType);
		default:
			return [];
	}
}

export function organizationEndpoints(auth: TestAuth): Endpoint[] {
	const endpoints: Endpoint[] = [];
	for (const [name, fn] of Object.entries(auth.api as Record<string, unknown>)) {
		const { path, options } = fn as {
			path?: unknown;
			options?: { method?: unknown; body?: ZodLike; query?: ZodLike; metadata?: { SERVER_ONLY?: boolean } };
		};
		if (typeof path !== "string" || !path.startsWith("/organization/")) continue;
		const method = Array.isArray(options?.method) ? options.method[0] : options?.method;
		if (method !== "GET" && method !== "POST") throw new Error(`${name}: unexpected method ${String(method)}`);
		const input = method === "GET" ? "query" : "body";
		const fields = fieldsOf(options?.[input]);
		endpoints.push({
			name,
			path,
			method,
			input,
			required: fields.filter((f) => f.required).map((f) => f.name),
			fields: fields.map((f) => f.name),
			serverOnly: options?.metadata?.SERVER_ONLY === true,
		});
	}
	return endpoints.sort((a, b) => a.path.localeCompare(b.path));
}

/** `client`: better-auth's own client (its serialization of queries and bodies), into `auth.handler`. */
export type Transport = "auth.api" | "HTTP" | "client";

/** Server-only endpoints trust their caller through auth.api by design: an attacker reaches them over HTTP only. */
export function attackerTransport(endpoint: Endpoint): Transport {
	return endpoint.serverOnly ? "HTTP" : "auth.api";
}

/** One call of the endpoint: `auth.api` as server code makes it, a request to `auth.handler`, or one through the client. */
export function send(
	auth: TestAuth,
	endpoint: Endpoint,
	transport: Transport,
	input: { headers?: Headers; body?: unknown; query?: unknown },
): Promise<Reply> {
	if (transport === "auth.api") return api(auth, endpoint.name, input);
	if (transport === "HTTP") return http(auth, endpoint.method, endpoint.path, input);
	const options = endpoint.method === "GET" ? { method: "GET", query: input.query } : { method: "POST", body: input.body ?? {}, query: input.query };
	return viaClient(auth, input.headers ?? new Headers(), (client) => client.$fetch(endpoint.path, options));
}

// better-auth's own client, the way most apps call the endpoints, as a third
// transport beside `auth.api` and raw HTTP: what it serializes (a one-element
// list as one value, numbers and booleans in a query, dates) is what reaches
// the server. Its fetch goes straight into `auth.handler`.
import type { TestAuth } from "./auth";
import type { Reply } from "./call";
import { apiKeyClient, createAuthClient, organizationClient } from "./target";

type ClientResult = { data: unknown; error: { status?: number; code?: string; message?: string } | null };

/** A client whose every request carries `headers` (a cookie or an x-api-key), with the organization and api-key plugins. */
export function clientOf(auth: TestAuth, headers: Headers) {
	const fixed = Object.fromEntries(new Headers({ ...Object.fromEntries(headers), origin: "http://localhost:3000" }));
	return createAuthClient({
		baseURL: "http://localhost:3000/api/auth",
		plugins: [organizationClient(), apiKeyClient()],
		fetchOptions: {
			headers: fixed,
			customFetchImpl: (input: RequestInfo | URL, init?: RequestInit) => auth.handler(new Request(input, init)),
		},
	});
}

export type TestClient = ReturnType<typeof clientOf>;

/** Calls through the client and answers as `api` and `http` do: the status, and the body or the error. */
export async function viaClient(auth: TestAuth, headers: Headers, call: (client: TestClient) => Promise<unknown>): Promise<Reply> {
	const { data, error } = (await call(clientOf(auth, headers))) as ClientResult;
	if (!error) return { status: 200, body: data };
	return { status: error.status ?? 500, body: { code: error.code, message: error.message } };
}

/**
 * Whether this release's client sends a list in a query as the parameter repeated
 * (`?organizationId=a&organizationId=b`); 1.4.0's sends one value, so through it a
 * "repeated" channel is not repeated on the wire.
 */
export async function clientRepeatsQueryLists(): Promise<boolean> {
	let url = "";
	const client = createAuthClient({
		baseURL: "http://localhost:3000/api/auth",
		plugins: [organizationClient()],
		fetchOptions: {
			customFetchImpl: async (input: RequestInfo | URL) => {
				url = String(input instanceof Request ? input.url : input);
				return new Response("{}", { headers: { "content-type": "application/json" } });
			},
		},
	});
	await client.organization.getFullOrganization({ query: { organizationId: ["a", "b"] as unknown as string } });
	return new URL(url).searchParams.getAll("organizationId").length === 2;
}

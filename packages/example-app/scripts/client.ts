// A fetch client for the example app, as a script or a test would talk to it,
// and the account steps the demo and the tests share.

export interface Reply<T = any> {
	status: number;
	body: T;
	headers: Headers;
}

export interface RequestInput {
	headers?: Headers;
	query?: Record<string, string>;
	body?: unknown;
}

/** Called with each exchange, e.g. to print it. */
export type Logger = (method: string, url: URL, input: RequestInput, reply: Reply) => void;

export class AppClient {
	constructor(
		readonly baseURL: string,
		private readonly log?: Logger,
	) {}

	async request(method: "GET" | "POST", path: string, input: RequestInput = {}): Promise<Reply> {
		const url = new URL(path, this.baseURL);
		for (const [name, value] of Object.entries(input.query ?? {})) url.searchParams.set(name, value);
		const headers = new Headers(input.headers);
		// A browser on the app's own pages sends its origin; better-auth checks it on cookie requests.
		headers.set("origin", this.baseURL);
		if (input.body !== undefined) headers.set("content-type", "application/json");
		const response = await fetch(url, {
			method,
			headers,
			body: input.body === undefined ? undefined : JSON.stringify(input.body),
		});
		const text = await response.text();
		const reply = { status: response.status, body: parseJson(text), headers: response.headers };
		this.log?.(method, url, input, reply);
		return reply;
	}

	get = (path: string, input?: RequestInput) => this.request("GET", path, input);
	post = (path: string, input?: RequestInput) => this.request("POST", path, input);
}

function parseJson(text: string): unknown {
	try {
		return text ? JSON.parse(text) : null;
	} catch {
		return text;
	}
}

function expectOk(reply: Reply, what: string) {
	if (reply.status >= 300) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
	return reply.body;
}

export interface Account {
	id: string;
	email: string;
	/** Headers carrying the account's session cookie. */
	cookie: Headers;
}

export async function signUp(client: AppClient, name: string): Promise<Account> {
	const email = `${name}@example.com`;
	const reply = await client.post("/api/auth/sign-up/email", {
		body: { name, email, password: "correct horse battery staple" },
	});
	const { user } = expectOk(reply, `sign up ${name}`);
	const cookie = reply.headers
		.getSetCookie()
		.map((c) => c.split(";")[0])
		.join("; ");
	return { id: user.id, email, cookie: new Headers({ cookie }) };
}

/** Creates an API key with the account's session, and returns headers that send it. */
/** An API key of the account; with `organizationId`, bound to that organization. */
export async function createApiKey(client: AppClient, account: Account, organizationId?: string): Promise<Headers> {
	const body = organizationId ? { name: "ci", organizationId } : { name: "ci" };
	const key = expectOk(await client.post("/api/auth/api-key/create", { headers: account.cookie, body }), "create API key");
	return new Headers({ "x-api-key": key.key });
}

export async function createOrganization(client: AppClient, owner: Account, slug: string): Promise<string> {
	const org = expectOk(
		await client.post("/api/auth/organization/create", { headers: owner.cookie, body: { name: slug, slug } }),
		"create organization",
	);
	return org.id;
}

/** The owner invites the account with a role; the account accepts. Returns the member id. */
export async function addMember(client: AppClient, organizationId: string, owner: Account, account: Account, role: string) {
	const invitation = expectOk(
		await client.post("/api/auth/organization/invite-member", {
			headers: owner.cookie,
			body: { organizationId, email: account.email, role },
		}),
		"invite member",
	);
	const accepted = expectOk(
		await client.post("/api/auth/organization/accept-invitation", {
			headers: account.cookie,
			body: { invitationId: invitation.id },
		}),
		"accept invitation",
	);
	return accepted.member.id as string;
}

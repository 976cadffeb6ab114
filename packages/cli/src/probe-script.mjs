// Runs inside the user's app (`node --input-type=module`, cwd = the app), so it
// imports the app's own better-auth. It replays issue #6307 on an in-memory
// auth and prints one JSON line: { better-auth version, results: [{ name, ok, got }] }.
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import * as plugins from "better-auth/plugins";

/** better-auth up to 1.4.x ships the api-key plugin; from 1.5 it is @better-auth/api-key. */
const apiKey = plugins.apiKey ?? (await import("@better-auth/api-key")).apiKey;

const tables = ["user", "session", "account", "verification", "organization", "member", "invitation", "team", "teamMember", "apikey"];
const auth = betterAuth({
	baseURL: "http://localhost:3000",
	secret: "better-auth-org-patch-probe-secret-0123456789",
	database: memoryAdapter(Object.fromEntries(tables.map((table) => [table, []]))),
	emailAndPassword: { enabled: true },
	rateLimit: { enabled: false },
	telemetry: { enabled: false },
	logger: { disabled: true },
	plugins: [plugins.organization(), apiKey({ enableSessionForAPIKeys: true, rateLimit: { enabled: false } })],
});

/** Status and JSON body of an auth.api call, whatever it threw. */
async function call(endpoint, input) {
	try {
		const response = await auth.api[endpoint]({ ...input, asResponse: true });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	} catch (error) {
		return { status: error.statusCode ?? 500, body: error.body ?? { message: String(error.message ?? error) } };
	}
}

const signUp = await auth.api.signUpEmail({
	body: { email: "probe@example.com", password: "probe-password-123", name: "probe" },
	asResponse: true,
});
const cookie = new Headers({ cookie: signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
const organization = await auth.api.createOrganization({ headers: cookie, body: { name: "probe", slug: "probe" } });
const { key } = await auth.api.createApiKey({ headers: cookie, body: {} });
const headers = new Headers({ "x-api-key": key });

const results = [];
async function expectCall(name, endpoint, input, holds) {
	const got = await call(endpoint, input);
	results.push({ name, ok: holds(got), got });
}

await expectCall(
	"hasPermission with organizationId answers for the key's user",
	"hasPermission",
	{ headers, body: { organizationId: organization.id, permissions: { organization: ["update"] } } },
	(r) => r.status === 200 && r.body?.success === true,
);
await expectCall(
	"getActiveMember with query.organizationId returns the key's user's member record",
	"getActiveMember",
	{ headers, query: { organizationId: organization.id } },
	(r) => r.status === 200 && r.body?.organizationId === organization.id && r.body?.role === "owner",
);
await expectCall(
	"setActiveOrganization with an API key is a 400 API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION",
	"setActiveOrganization",
	{ headers, body: { organizationId: organization.id } },
	(r) => r.status === 400 && r.body?.code === "API_KEY_SESSION_CANNOT_SET_ACTIVE_ORGANIZATION",
);
console.log(JSON.stringify({ results }));

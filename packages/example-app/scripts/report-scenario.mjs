// The steps of better-auth issue #6307 (mirrored as #2393), run with whichever
// better-auth resolves from where this file lies: the demo runs it on the
// published packages and on the example app's patched ones, the adoption tests
// in throwaway apps (with WITH_PLUGIN=1, with the apiKeyOrganizations plugin).
// Prints one JSON object: each step's { status, body }.
import { betterAuth } from "better-auth";
import { memoryAdapter } from "better-auth/adapters/memory";
import { createAccessControl } from "better-auth/plugins/access";
import * as plugins from "better-auth/plugins";
import { adminAc, defaultStatements, memberAc, ownerAc } from "better-auth/plugins/organization/access";

const apiKey = plugins.apiKey ?? (await import("@better-auth/api-key")).apiKey;
// WITH_PLUGIN=1: the fix as the apiKeyOrganizations plugin (packages/plugin), installed in the app, instead of a patch.
const withPlugin = process.env.WITH_PLUGIN === "1" ? [(await import("better-auth-api-key-organizations")).apiKeyOrganizations()] : [];

// 1. organization with the reporter's `organization: ["read"]` statement, 2. apiKey with sessions for keys
const ac = createAccessControl({ ...defaultStatements, organization: [...defaultStatements.organization, "read"] });
const roles = {
	owner: ac.newRole({ ...ownerAc.statements, organization: ["update", "delete", "read"] }),
	admin: ac.newRole({ ...adminAc.statements, organization: ["update", "read"] }),
	member: ac.newRole({ ...memberAc.statements, organization: ["read"] }),
};
const tables = ["user", "session", "account", "verification", "organization", "member", "invitation", "apikey"];
const auth = betterAuth({
	baseURL: "http://localhost:3000",
	secret: "report-scenario-secret-that-is-long-enough",
	database: memoryAdapter(Object.fromEntries(tables.map((table) => [table, []]))),
	emailAndPassword: { enabled: true },
	rateLimit: { enabled: false },
	telemetry: { enabled: false },
	logger: { disabled: true },
	plugins: [plugins.organization({ ac, roles }), apiKey({ enableSessionForAPIKeys: true, rateLimit: { enabled: false } }), ...withPlugin],
});

async function reply(endpoint, input) {
	try {
		const response = await auth.api[endpoint]({ ...input, asResponse: true });
		const text = await response.text();
		return { status: response.status, body: text ? JSON.parse(text) : null };
	} catch (error) {
		return { status: error.statusCode ?? 500, body: error.body ?? { message: String(error.message ?? error) } };
	}
}

async function signUp(name) {
	const response = await auth.api.signUpEmail({
		body: { email: `${name}@example.com`, password: "correct horse battery staple", name },
		asResponse: true,
	});
	const cookie = new Headers({ cookie: response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") });
	return { id: (await response.json()).user.id, cookie };
}

// 3. an API key for a user who is a member of an organization
const owner = await signUp("owner");
const member = await signUp("member");
const org = await auth.api.createOrganization({ headers: owner.cookie, body: { name: "acme", slug: "acme" } });
await auth.api.addMember({ body: { organizationId: org.id, userId: member.id, role: "member" } });
const { key } = await auth.api.createApiKey({ headers: member.cookie, body: {} });
// 4. requests with the key in x-api-key
const headers = new Headers({ "x-api-key": key });

const read = { organization: ["read"] };
console.log(
	JSON.stringify({
		memberId: member.id,
		organizationId: org.id,
		getSession: await reply("getSession", { headers }),
		hasPermission: await reply("hasPermission", { headers, body: { permissions: read } }),
		hasPermissionWithOrganizationId: await reply("hasPermission", { headers, body: { permissions: read, organizationId: org.id } }),
		hasPermissionDenied: await reply("hasPermission", {
			headers,
			body: { permissions: { organization: ["delete"] }, organizationId: org.id },
		}),
		setActiveOrganization: await reply("setActiveOrganization", { headers, body: { organizationId: org.id } }),
		getActiveMember: await reply("getActiveMember", { headers, query: { organizationId: org.id } }),
	}),
);

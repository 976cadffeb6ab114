// A typed app as the README sets one up, copied into the pnpm apps of
// pnpm-apply.test.ts and compiled there with tsc after `apply` (never run).
// No cast: the plugins array must type-check as written, and auth.api keep the
// endpoints of both plugins. On better-auth 1.4.x the test imports apiKey from
// better-auth/plugins instead.
import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { organization } from "better-auth/plugins";

export const auth = betterAuth({
	plugins: [
		organization(),
		apiKey({ enableSessionForAPIKeys: true, organizationKeys: { allowPaths: ["/my-app/report"], capUnboundKeys: true } }),
	],
});

const headers = new Headers({ "x-api-key": "a key" });
auth.api.getActiveMember({ headers, query: { organizationId: "an organization" } });
auth.api.hasPermission({ headers, body: { organizationId: "an organization", permissions: { member: ["create"] } } });
auth.api.createApiKey({ body: { userId: "a user", organizationId: "an organization" } });
// @ts-expect-error organizationId is a string: fails if the endpoint's types degrade to `any`
auth.api.getActiveMember({ headers, query: { organizationId: 42 } });

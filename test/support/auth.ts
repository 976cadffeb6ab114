import { createHash } from "node:crypto";
import { createDatabase } from "./database";
import {
	adminAc,
	apiKey,
	betterAuth,
	createAccessControl,
	defaultStatements,
	getMigrations,
	jwt,
	memberAc,
	organization,
	ownerAc,
} from "./target";

/** The reporter's app checks `organization: ["read"]`, so its statements have that action. */
export const statements = {
	...defaultStatements,
	organization: [...defaultStatements.organization, "read"],
	project: ["create", "read", "delete"],
} as const;

const ac = createAccessControl(statements);
export const roles = {
	owner: ac.newRole({ ...ownerAc.statements, organization: ["update", "delete", "read"], project: ["create", "read", "delete"] }),
	admin: ac.newRole({ ...adminAc.statements, organization: ["update", "read"], project: ["create", "read"] }),
	member: ac.newRole({ ...memberAc.statements, organization: ["read"], project: ["read"] }),
};

/** Claims minted by `/token`, as the reporter's `definePayload` builds them. */
export interface TokenClaims {
	sub: string;
	orgId: string | null;
}

/** scrypt is the slow part of every sign-up; the tests need users, not password security. */
const fastPasswordHashing = {
	hash: async (password: string) => createHash("sha256").update(password).digest("hex"),
	verify: async ({ hash, password }: { hash: string; password: string }) =>
		createHash("sha256").update(password).digest("hex") === hash,
};

/**
 * The api-key plugin's options beyond enableSessionForAPIKeys: the rate limit is off unless a test turns it on.
 * A list is one configuration each (1.5+), every one with those defaults.
 */
export type ApiKeyOptions = Record<string, unknown> | Record<string, unknown>[];

const apiKeyDefaults = { enableSessionForAPIKeys: true, rateLimit: { enabled: false } };

function authOptions(database: unknown, apiKeyOptions: ApiKeyOptions = {}) {
	return {
		baseURL: "http://localhost:3000",
		secret: "a-test-secret-that-is-long-enough-for-better-auth",
		database,
		emailAndPassword: { enabled: true, password: fastPasswordHashing },
		rateLimit: { enabled: false },
		plugins: [
			organization({
				ac,
				roles,
				teams: { enabled: true },
				dynamicAccessControl: { enabled: true },
			}),
			apiKey(
				Array.isArray(apiKeyOptions)
					? (apiKeyOptions.map((configuration) => ({ ...apiKeyDefaults, ...configuration })) as unknown as typeof apiKeyDefaults)
					: { ...apiKeyDefaults, ...apiKeyOptions },
			),
			jwt({
				jwt: {
					definePayload: ({ user, session }: { user: { id: string }; session: Record<string, unknown> }) =>
						({ sub: user.id, orgId: (session.activeOrganizationId as string | undefined) ?? null }) satisfies TokenClaims,
				},
			}),
		],
	} as const;
}

export type TestAuth = ReturnType<typeof betterAuth<ReturnType<typeof authOptions>>>;

/**
 * A fresh auth instance on its own database (see ./database.ts), migrated.
 * `extraPlugins` join the usual ones, for a test that needs one more (e.g. admin()).
 */
export async function createTestAuth(
	database: unknown = createDatabase(),
	extraPlugins: unknown[] = [],
	apiKeyOptions: ApiKeyOptions = {},
): Promise<TestAuth> {
	const usual = authOptions(database, apiKeyOptions);
	const options = { ...usual, plugins: [...usual.plugins, ...extraPlugins] } as unknown as typeof usual;
	const { runMigrations } = await getMigrations(options as never);
	await runMigrations();
	return betterAuth(options);
}

import { apiKey } from "@better-auth/api-key";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { organization } from "better-auth/plugins";
import type { AppDatabase } from "./database";
import { ac, roles } from "./permissions";

export function createAuth(database: AppDatabase["connection"]) {
	return betterAuth({
		database,
		// Every instance of the app must share the secret: set BETTER_AUTH_SECRET in production.
		secret: process.env.BETTER_AUTH_SECRET ?? "example-app-development-secret-change-me",
		// The app answers on whatever loopback port it is given; list your public hosts here.
		baseURL: { allowedHosts: ["localhost:*", "127.0.0.1:*"] },
		emailAndPassword: { enabled: true },
		plugins: [
			organization({ ac, roles }),
			apiKey({
				// An `x-api-key` header stands for a session of the key's owner.
				enableSessionForAPIKeys: true,
				rateLimit: { enabled: true, timeWindow: 60_000, maxRequests: 120 },
			}),
		],
	});
}

export type Auth = ReturnType<typeof createAuth>;

/** Creates or updates better-auth's tables. */
export async function migrateAuth(auth: Auth) {
	const { runMigrations } = await getMigrations(auth.options);
	await runMigrations();
}

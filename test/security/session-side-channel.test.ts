// Enumeration through a side effect: a non-member's cookie session, read back with
// getSession, must not change for someone else's organization where it stays the
// same for a missing one (or the reverse), whatever the answers say.
import { afterAll, beforeAll, expect, test } from "vitest";
import { FOR_EVERY_CALLER, patchOnly, projectName } from "../support/expect";
import { restoreTables, snapshotTables } from "../support/snapshot";
import { organizationEndpoints, send } from "./endpoints";
import { inputFor } from "./inputs";
import { quietBetterAuthLogger } from "./quiet";
import { createTenants } from "./tenants";

const t = await createTenants();
// Server-only endpoints answer no request over HTTP (see cross-tenant.test.ts).
const endpoints = organizationEndpoints(t.auth).filter((e) => !e.serverOnly);
const signals: string[] = [];
quietBetterAuthLogger();

let pristine: Awaited<ReturnType<typeof snapshotTables>>;
beforeAll(async () => {
	pristine = await snapshotTables(t.auth);
});

/** Eve's session rows, as getSession would show them (updatedAt included). */
async function evesSessions() {
	const { adapter } = await t.auth.$context;
	return JSON.stringify(await adapter.findMany({ model: "session", where: [{ field: "userId", value: t.eve.id }] }));
}


for (const endpoint of endpoints) {
	patchOnly(FOR_EVERY_CALLER).test(`${endpoint.name}: someone else's organization and a missing one leave eve's session alike`, async () => {
		const touched: boolean[] = [];
		for (const organizationId of [t.acme.id, t.missingOrgId]) {
			await restoreTables(t.auth, pristine);
			const before = await evesSessions();
			// Let a rewrite show in updatedAt, which has millisecond precision.
			await new Promise((resolve) => setTimeout(resolve, 2));
			const input = inputFor(endpoint, { organizationId, objects: t.acme, caller: t.eve });
			await send(t.auth, endpoint, "auth.api", { headers: t.eve.cookie, ...input });
			touched.push((await evesSessions()) !== before);
		}
		const [someoneElses, missing] = touched;
		if (someoneElses !== missing) signals.push(endpoint.name);
		expect({ someoneElses }).toEqual({ someoneElses: missing });
	});
}

afterAll(() => {
	console.log(
		`[security] session side channel ${projectName}: ${endpoints.length} endpoints; ` +
			`a non-member's cookie session tells someone else's organization from a missing one on ${signals.length} (${signals.join(", ") || "none"})`,
	);
});

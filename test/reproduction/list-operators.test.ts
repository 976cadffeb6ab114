// listMembers' `in` and `not_in` (1.5+) with one value, as better-auth's own
// client sends a one-element list (`?filterValue=owner`): a list of one, by the
// client, by `auth.api` and over raw HTTP, for a key and a cookie session alike.
// Upstream answers `in` with one value with a 500 ("Value must be an array").
import { beforeAll, describe, expect, test } from "vitest";
import { api, http, type Reply } from "../support/call";
import { viaClient } from "../support/client";
import { expectFixed, INSIDE_THE_ENDPOINT, patchOnly, since } from "../support/expect";
import { createWorld, type World } from "../support/world";

let w: World;
beforeAll(async () => {
	w = await createWorld();
});

type Operator = "in" | "not_in";

type Query = { organizationId: string; filterField: string; filterOperator: Operator; filterValue: string[] };

/** Each sends the roles as its callers would: the client and HTTP serialize one role as `?filterValue=owner`. */
const transports: [string, (headers: Headers, query: Query) => Promise<Reply>][] = [
	["better-auth's client", (headers, query) => viaClient(w.auth, headers, (client) => client.organization.listMembers({ query }))],
	["auth.api, one role as a string", (headers, query) => {
		const filterValue = query.filterValue.length === 1 ? query.filterValue[0] : query.filterValue;
		return api(w.auth, "listMembers", { headers, query: { ...query, filterValue } });
	}],
	["raw HTTP", (headers, query) => http(w.auth, "GET", "/organization/list-members", { headers, query })],
];

const callers: [string, (w: World) => Headers][] = [
	["the owner's API key", (x) => x.alice.key],
	["the owner's cookie session", (x) => x.alice.cookie],
];

/** The filter, the roles it names, and whose members it lists (Alice owns acme, Bob is a member). */
const table: [Operator, string[], (w: World) => string[]][] = [
	["not_in", ["owner"], (x) => [x.bob.id]],
	["in", ["owner"], (x) => [x.alice.id]],
	["not_in", ["owner", "member"], () => []],
	["in", ["owner", "member"], (x) => [x.alice.id, x.bob.id]],
];

const userIds = (reply: Reply) => (reply.body?.members ?? []).map((m: { userId: string }) => m.userId).sort();

/** Upstream hands the adapter one value where it takes only a list: a 500, inside the endpoint. */
const upstreamFails = (operator: Operator, roles: string[]) => operator === "in" && roles.length === 1;

describe.runIf(since("1.5.0")).each(callers)("%s", (_caller, headers) => {
	describe.each(transports)("through %s", (_transport, call) => {
		const listsTheMembers = async (filterOperator: Operator, roles: string[], expected: (w: World) => string[]) => {
			const reply = await call(headers(w), { organizationId: w.org.id, filterField: "role", filterOperator, filterValue: roles });
			expectFixed(reply, {
				fixed: (r) => {
					expect(r.status).toBe(200);
					expect(userIds(r)).toEqual(expected(w).sort());
				},
				upstream: upstreamFails(filterOperator, roles) ? (r) => expect(r.status).toBe(500) : undefined,
			});
		};
		const name = "%s %j lists the members it names";
		test.each(table.filter(([operator, roles]) => !upstreamFails(operator, roles)))(name, listsTheMembers);
		patchOnly(INSIDE_THE_ENDPOINT).each(table.filter(([operator, roles]) => upstreamFails(operator, roles)))(name, listsTheMembers);
	});
});

// Every channel an organization can arrive by, generated: for every endpoint that
// acts on one organization, the organization in each place the endpoint reads, in
// each place it does not (beside the right one), as a repeated query parameter, and
// as an id with a slug; times every target (the bound key's organization, another
// organization of the same user, someone else's, with its objects and by name only,
// a missing one); times every caller (a bound key, an unbound key and a cookie
// session of one user). Nothing may answer 5xx, show or change an organization the
// caller may not act in, write when it refuses, or answer someone else's
// organization otherwise than a missing one; a bound key acts in its organization
// only; an API key's request that names an organization ambiguously is refused
// before the database.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { inputName, ORGANIZATION_ENDPOINTS } from "../../packages/org-context/src/requested-organization";
import { needs } from "../support/capabilities";
import { clientRepeatsQueryLists } from "../support/client";
import { projectName } from "../support/expect";
import { type Caller, createChannelWorld, identityAt, isSlug, type Place, PLACES, requestWith, type Target } from "./channels";
import { attackerTransport, type Endpoint, organizationEndpoints, send, type Transport } from "./endpoints";
import { createObserver, type Observation } from "./guard";
import { quietBetterAuthLogger } from "./quiet";

quietBetterAuthLogger();
const world = await createChannelWorld();
const { t, tenants, callers, globex } = world;
const targets: Target[] = [globex, world.acme, world.someoneElses, world.someoneElsesByName, world.missing];

interface Channel {
	name: string;
	/** Ambiguous: an API key's request is refused with 400 VALIDATION_ERROR before the database, whatever it names. */
	ambiguous: boolean;
	/** The places and values, given the target and the bound organization. */
	places: (target: Target) => [Place, unknown][];
}

/** The channels of one endpoint: where it reads the organization, where it does not, repeated, and twice. */
function channelsOf(reads: Place[]): Channel[] {
	const right = reads.find((place) => !isSlug(place)) ?? reads[0];
	const channels: Channel[] = reads.map((place) => ({ name: `${place} alone`, ambiguous: false, places: (target) => [[place, identityAt(place, target)]] }));
	for (const stray of PLACES.filter((place) => !reads.includes(place))) {
		channels.push({
			name: `${stray} beside ${right} naming globex`,
			ambiguous: true,
			places: (target) => [[right, identityAt(right, globex)], [stray, identityAt(stray, target)]],
		});
	}
	for (const place of reads.filter((p) => p.startsWith("query."))) {
		channels.push({ name: `${place} repeated, globex first`, ambiguous: true, places: (target) => [[place, [identityAt(place, globex), identityAt(place, target)]]] });
	}
	const id = reads.find((p) => !isSlug(p));
	const slug = reads.find(isSlug);
	if (id && slug) channels.push({ name: `${id} globex and ${slug}`, ambiguous: true, places: (target) => [[id, t.globex.id], [slug, target.slug]] });
	return channels;
}

const clientRepeats = await clientRepeatsQueryLists();
/**
 * better-auth's client serves what an app's browser code sends: no server-only endpoint, no body on a GET,
 * and a repeated query parameter only where the release's client repeats a list.
 */
const clientSends = (endpoint: Endpoint, channel: Channel) =>
	!endpoint.serverOnly &&
	(endpoint.method === "POST" || channel.places(globex).every(([place]) => place.startsWith("query."))) &&
	(clientRepeats || !channel.places(globex).some(([place, value]) => place.startsWith("query.") && Array.isArray(value)));

/** The attacker's transport, and better-auth's own client where it can send the channel. */
const transportsOf = (endpoint: Endpoint, channel: Channel): Transport[] =>
	clientSends(endpoint, channel) ? [attackerTransport(endpoint), "client"] : [attackerTransport(endpoint)];

interface Case {
	endpoint: Endpoint;
	transport: Transport;
	channel: Channel;
	target: Target;
	caller: Caller;
	observation: Observation;
}

const observe = await createObserver(t.auth);
const endpoints = organizationEndpoints(t.auth).filter((e) => ORGANIZATION_ENDPOINTS[e.path]);
/** The fewest any release has (1.4.x: 23, 1.7.x: 24; SECURITY.md). */
const MIN_ENDPOINTS = 23;
const readsOf = (endpoint: Endpoint) => ORGANIZATION_ENDPOINTS[endpoint.path].reads.map(inputName) as Place[];
const cases: Case[] = [];
beforeAll(async () => {
	for (const endpoint of endpoints) {
		for (const channel of channelsOf(readsOf(endpoint))) {
			for (const target of targets) {
				for (const caller of callers) {
					for (const transport of transportsOf(endpoint, channel)) {
						const request = requestWith(world, endpoint, target, channel.places(target));
						const foreign = tenants.filter((tenant) => !caller.actsIn.includes(tenant));
						const observation = await observe(foreign, request, () => send(t.auth, endpoint, transport, { headers: caller.headers, ...request }));
						cases.push({ endpoint, transport, channel, target, caller, observation });
					}
				}
			}
		}
	}
}, 300_000); // the attacker's transport alone took 24–43 s on SQLite, PostgreSQL and MariaDB; the client's doubles most channels

const describeCase = ({ endpoint, transport, channel, target, caller, observation: o }: Case) =>
	`${endpoint.name} ${channel.name} on ${target.name} by ${caller.name} (${transport}): ${o.reply.status} ${o.reply.body?.code ?? ""}`;
const failing = (property: (c: Case) => boolean) => cases.filter(property).map(describeCase);
const answer = (c: Case) => `${c.observation.reply.status} ${c.observation.reply.body?.code}`;

/** Cases naming someone else's organization whose answer differs from the same case's naming a missing one. */
function toldFromMissing(): Case[] {
	return cases.filter((c) => {
		if (c.target !== world.someoneElsesByName) return false;
		const missing = cases.find((m) => m.endpoint === c.endpoint && m.transport === c.transport && m.channel === c.channel && m.caller === c.caller && !m.target.tenant);
		return !missing || answer(missing) !== answer(c);
	});
}

describe("every channel x every target x every caller", () => {
	// An empty endpoint list, or a generator that stopped early, would pass every test below on nothing.
	test("every endpoint that acts on one organization is tried on each of its channels, by every caller on every target", () => {
		expect(endpoints.length).toBeGreaterThanOrEqual(MIN_ENDPOINTS);
		const sends = endpoints.reduce((n, endpoint) => n + channelsOf(readsOf(endpoint)).reduce((m, channel) => m + transportsOf(endpoint, channel).length, 0), 0);
		expect(cases).toHaveLength(sends * targets.length * callers.length);
	});

	test("no case gets a 5xx", () => {
		expect(failing((c) => c.observation.serverError)).toEqual([]);
	});

	test("no caller sees data of an organization it may not act in", () => {
		expect(failing((c) => c.observation.leaks.length > 0)).toEqual([]);
	});

	test("no caller changes rows of an organization it may not act in", () => {
		expect(failing((c) => c.observation.foreignWrites.length > 0)).toEqual([]);
	});

	test("a refused call writes nothing", () => {
		expect(failing((c) => c.observation.partialWrite)).toEqual([]);
	});

	needs("boundKeys").test("a bound key is refused for every target but its organization", () => {
		expect(failing((c) => !!c.caller.bound && c.target.tenant !== c.caller.bound && c.observation.reply.status < 400)).toEqual([]);
	});

	needs("ambiguousOrganization").test("an API key's request that names the organization ambiguously is a 400 VALIDATION_ERROR", () => {
		expect(failing((c) => c.caller.apiKey && c.channel.ambiguous && answer(c) !== "400 VALIDATION_ERROR")).toEqual([]);
	});

	// Cookie sessions too, on every channel: they keep upstream's resolution, and membership is checked before anything is told.
	test("a caller outside an organization gets the same answer for it as for a missing one", () => {
		expect(toldFromMissing().map(describeCase)).toEqual([]);
	});

	// Cookie sessions keep upstream's resolution: up to 1.5.5 addTeamMember reads only their active organization.
	test("an API key acts in its own organization through every place the endpoint reads", () => {
		const own = cases.filter((c) => c.caller.apiKey && !c.channel.ambiguous && c.target.tenant && c.caller.actsIn.includes(c.target.tenant));
		const refusedAsOutsider = own.filter((c) => /NOT_A_MEMBER|BOUND_TO_ANOTHER|NO_ACTIVE_ORGANIZATION/.test(String(c.observation.reply.body?.code)));
		expect(refusedAsOutsider.map(describeCase)).toEqual([]);
	});
});

afterAll(() => {
	const channels = new Set(cases.map((c) => `${c.endpoint.name} ${c.channel.name}`)).size;
	const count = (property: (c: Case) => boolean) => cases.filter(property).length;
	console.log(
		`[security] channels ${projectName}: ${endpoints.length} endpoints, ${channels} endpoint channels x ` +
			`${targets.length} targets x ${callers.length} callers x transports (the attacker's, and better-auth's client where it can send the channel) = ${cases.length} cases; 5xx ${count((c) => c.observation.serverError)}; ` +
			`leaks ${count((c) => c.observation.leaks.length > 0)}; foreign writes ${count((c) => c.observation.foreignWrites.length > 0)}; ` +
			`missing told from foreign ${toldFromMissing().length}`,
	);
});

// The channels an organization can arrive by, and the world both the channel
// generator (channels.test.ts) and the channel fuzz (channel-fuzz.test.ts) aim
// them at: dave (member of acme and globex) by a key bound to globex, an unbound
// key and a cookie session; targets globex, acme, initech (not his) and a missing
// organization.
import type { Endpoint } from "./endpoints";
import { inputFor } from "./inputs";
import { createTenants, furnishTenant, type Tenant, type Tenants } from "./tenants";
import { has } from "../support/capabilities";
import { plugin } from "../support/expect";
import { addMember, createOrganization, signUp } from "../support/world";

export type Place = "body.organizationId" | "body.data.organizationId" | "body.organizationSlug" | "query.organizationId" | "query.organizationSlug";
export const PLACES: Place[] = ["body.organizationId", "body.data.organizationId", "body.organizationSlug", "query.organizationId", "query.organizationSlug"];
export const isSlug = (place: Place) => place.endsWith("Slug");

export interface Caller {
	name: string;
	headers: Headers;
	apiKey: boolean;
	/** The organizations it may act in. */
	actsIn: Tenant[];
	bound?: Tenant;
}

export interface Target {
	name: string;
	id: string;
	slug: string;
	tenant?: Tenant;
	/** Whose team, member, invitation and role the request's other fields name: the target's, else globex's. */
	objects?: Tenant;
}

export const identityAt = (place: Place, target: Target) => (isSlug(place) ? target.slug : target.id);

export interface ChannelWorld {
	t: Tenants;
	/** acme, globex, and initech (Ivan's, Judy a member: dave is in neither). */
	tenants: Tenant[];
	callers: Caller[];
	globex: Target;
	acme: Target;
	someoneElses: Target;
	/** Initech named, every other field naming globex's objects as for the missing one: only the organization differs. */
	someoneElsesByName: Target;
	missing: Target;
}

export async function createChannelWorld(): Promise<ChannelWorld> {
	const t = await createTenants();
	const ivan = await signUp(t.auth, "ivan");
	const judy = await signUp(t.auth, "judy");
	const initechOrg = await createOrganization(t.auth, ivan, "initech");
	await addMember(t.auth, initechOrg.id, judy);
	const initech = await furnishTenant(t.auth, initechOrg, ivan, judy);
	const target = (name: string, tenant: Tenant): Target => ({ name, id: tenant.id, slug: tenant.slug, tenant });
	return {
		t,
		tenants: [t.acme, t.globex, initech],
		callers: [
			{ name: "dave's key bound to globex", headers: t.daveGlobexKey, apiKey: true, actsIn: [t.globex], bound: t.globex },
			{ name: "dave's unbound key", headers: t.dave.key, apiKey: true, actsIn: [t.acme, t.globex] },
			{ name: "dave's cookie session", headers: t.dave.cookie, apiKey: false, actsIn: [t.acme, t.globex] },
			// The plugin's callers: API keys, bound and unbound; it leaves cookie sessions as upstream has them.
		]
			.filter((caller) => !plugin || caller.apiKey)
			.filter((caller) => has("boundKeys") || !caller.bound),
		globex: target("globex (the bound key's)", t.globex),
		acme: target("acme (dave's other organization)", t.acme),
		someoneElses: target("initech (someone else's)", initech),
		someoneElsesByName: { ...target("initech by name, globex's objects", initech), objects: t.globex },
		missing: { name: "a missing organization", id: t.missingOrgId, slug: "slug-no-organization-has" },
	};
}

export type Request = { body?: Record<string, any>; query?: Record<string, any> };

/** The endpoint's other fields aimed at the target's objects, with the organization only where `places` put it. */
export function requestWith(world: ChannelWorld, endpoint: Endpoint, target: Target, places: [Place, unknown][]): Request {
	const objects = target.objects ?? target.tenant ?? world.t.globex;
	const { body, query } = inputFor(endpoint, { organizationId: undefined, objects, caller: world.t.dave });
	const request: Request = {
		body: body && { ...body, data: body.data && { ...(body.data as object) } },
		query: query && { ...query },
	};
	for (const part of [request.body, request.query]) if (part) delete part.organizationId;
	for (const [place, value] of places) {
		const [where, ...path] = place.split(".") as ["body" | "query", ...string[]];
		let node = (request[where] ??= {});
		for (const key of path.slice(0, -1)) node = node[key] ??= {};
		node[path.at(-1) as string] = value;
	}
	return request;
}

// The benchmarked requests: the cases test/statements counts, over HTTP.
import type { Credentials } from "./protocol";

export interface Request {
	method: "GET" | "POST";
	path: string;
	headers: Record<string, string>;
	body?: string;
}

export interface Scenario {
	name: string;
	/** Patched-only scenarios are compared with `baseline`, another patched scenario. */
	patchedOnly?: { baseline: string };
	/**
	 * The patched/unpatched req/s ratio the median must reach: cookie traffic costs what it costs
	 * upstream (within `max`), API-key traffic, one write and one member read lighter, well less.
	 */
	target?: { min: number; max?: number };
	request(credentials: Credentials): Request | null;
}

const ORIGIN = { origin: "http://localhost:3000" };
const read = { permissions: { organization: ["read"] } };

function hasPermission(credential: Record<string, string>, body: object): Request {
	return {
		method: "POST",
		path: "/api/auth/organization/has-permission",
		headers: { ...ORIGIN, ...credential, "content-type": "application/json" },
		body: JSON.stringify(body),
	};
}

export const SCENARIOS: Scenario[] = [
	{
		name: "getSession, cookie",
		target: { min: 0.97, max: 1.03 },
		request: (c) => ({ method: "GET", path: "/api/auth/get-session", headers: { ...ORIGIN, cookie: c.cookie } }),
	},
	{
		name: "hasPermission, cookie",
		target: { min: 0.97, max: 1.03 },
		request: (c) => hasPermission({ cookie: c.cookie }, read),
	},
	{
		name: "hasPermission, API key + organizationId",
		target: { min: 1.3 },
		request: (c) => hasPermission({ "x-api-key": c.key }, { ...read, organizationId: c.organizationId }),
	},
	{
		name: "hasPermission, bound key",
		// No target: the same statements as the explicit-id call (test/statements), so about 1.
		patchedOnly: { baseline: "hasPermission, API key + organizationId" },
		request: (c) => (c.boundKey ? hasPermission({ "x-api-key": c.boundKey }, read) : null),
	},
];

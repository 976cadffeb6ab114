import { describe, expect, test } from "vitest";
import { refuseReservedMetadataKeys, servableMetadata } from "../src/api-key-metadata";
import { markApiKeySession } from "../src/api-key-session";
import { refuseBeyondKeyLimits, refuseRevivingKey } from "../src/key-lineage";
import { codeOf } from "./error-code";

const DAY = 24 * 60 * 60;
const beyond = "API_KEY_EXCEEDS_ITS_OWN_LIMITS";
const inAWeek = new Date(Date.now() + 7 * DAY * 1000);
const defaults = { rateLimit: { enabled: true, maxRequests: 10, timeWindow: 60_000 }, keyExpiration: { defaultExpiresIn: null } };

describe("refuseBeyondKeyLimits", () => {
	const create = (apiKey: object, body: object, options = defaults) => codeOf(() => refuseBeyondKeyLimits({ path: "/api-key/create", body }, apiKey, options));
	const update = (apiKey: object, body: object, options = defaults) => codeOf(() => refuseBeyondKeyLimits({ path: "/api-key/update", body }, apiKey, options));

	test("a new key's quota, expiry and rate limit are at most the creating key's", () => {
		expect(create({ remaining: 3 }, {})).toBe(beyond);
		expect(create({ remaining: 3 }, { remaining: 3 })).toBeNull();
		expect(create({ expiresAt: inAWeek }, {})).toBe(beyond);
		expect(create({ expiresAt: inAWeek }, { expiresIn: 2 * DAY })).toBeNull();
		expect(create({ expiresAt: inAWeek }, { expiresIn: 30 * DAY })).toBe(beyond);
		expect(create({ expiresAt: inAWeek }, {}, { ...defaults, keyExpiration: { defaultExpiresIn: DAY } })).toBeNull();
		expect(create({ rateLimitEnabled: true, rateLimitMax: 5, rateLimitTimeWindow: 60_000 }, {})).toBe(beyond);
		expect(create({ rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 }, {})).toBeNull();
		expect(create({ rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 }, { rateLimitEnabled: false })).toBe(beyond);
	});

	test("rate limits are not compared where the configuration turns them off", () => {
		const off = { ...defaults, rateLimit: { enabled: false } };
		expect(create({ rateLimitEnabled: true, rateLimitMax: 5, rateLimitTimeWindow: 60_000 }, {}, off)).toBeNull();
	});

	test("an update gives no key more than the calling key has", () => {
		expect(update({ expiresAt: inAWeek }, { keyId: "k", expiresIn: 2 * DAY })).toBeNull();
		expect(update({ expiresAt: inAWeek }, { keyId: "k", expiresIn: 30 * DAY })).toBe(beyond);
		expect(update({ expiresAt: inAWeek }, { keyId: "k", expiresIn: null })).toBe(beyond);
		expect(update({ remaining: 3 }, { keyId: "k", remaining: 4 })).toBe(beyond);
		expect(update({ rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 }, { keyId: "k", rateLimitMax: 11 })).toBe(beyond);
		expect(update({ rateLimitEnabled: true, rateLimitMax: 10, rateLimitTimeWindow: 60_000 }, { keyId: "k", rateLimitTimeWindow: 1000 })).toBe(beyond);
		expect(update({}, { keyId: "k", expiresIn: null, name: "x" })).toBeNull();
	});

	test("other paths are not its business", () => {
		expect(codeOf(() => refuseBeyondKeyLimits({ path: "/api-key/delete", body: {} }, { remaining: 1 }, defaults))).toBeNull();
	});
});

describe("refuseReservedMetadataKeys", () => {
	const own = (key: string) => JSON.parse(`{${JSON.stringify(key)}:1}`);
	test.each(["__proto__", "constructor", "prototype"])("refuses %s at the top, nested and in a list", (key) => {
		for (const metadata of [own(key), { a: { b: own(key) } }, { list: [own(key)] }]) {
			expect(codeOf(() => refuseReservedMetadataKeys(metadata))).toBe("API_KEY_METADATA_HAS_RESERVED_KEY");
		}
	});

	const nested = (depth: number) => JSON.parse(`{"a":${"[".repeat(depth)}1${"]".repeat(depth)}}`);

	test("refuses metadata nested deeper than any body an endpoint takes, and serves a stored row of it with none", () => {
		expect(codeOf(() => refuseReservedMetadataKeys(nested(2500)))).toBe("VALIDATION_ERROR");
		expect(codeOf(() => refuseReservedMetadataKeys(nested(60)))).toBeNull();
		expect(servableMetadata(nested(2500))).toBeNull();
		expect(servableMetadata(nested(60))).toEqual(nested(60));
	});

	test("takes ordinary metadata, and none", () => {
		for (const metadata of [undefined, null, { plan: "pro", nested: { proto: 1 }, list: [{ a: 1 }] }]) expect(codeOf(() => refuseReservedMetadataKeys(metadata))).toBeNull();
	});
});

describe("refuseRevivingKey", () => {
	const keySession = (limitsBind: boolean) => markApiKeySession({ session: {}, user: { id: "user-1" } }, { boundOrganizationId: null, keyPermissions: null, limitsBind });
	const enable = (session: unknown, key: object, body: object = { enabled: true }, path = "/api-key/update") =>
		codeOf(() => refuseRevivingKey({ path, body, context: { session } }, key));

	test("a key whose limits bind enables no disabled key", () => {
		expect(enable(keySession(true), { enabled: false })).toBe(beyond);
	});

	test("it may name an enabled key enabled, disable a key, and change a disabled key otherwise", () => {
		expect(enable(keySession(true), { enabled: true })).toBeNull();
		expect(enable(keySession(true), { enabled: true }, { enabled: false })).toBeNull();
		expect(enable(keySession(true), { enabled: false }, { name: "renamed" })).toBeNull();
	});

	test("a key whose limits bind gives no expired key a new expiry, and may change it otherwise", () => {
		const expired = { enabled: true, expiresAt: new Date(Date.now() - 1000) };
		expect(enable(keySession(true), expired, { expiresIn: DAY })).toBe(beyond);
		expect(enable(keySession(true), expired, { expiresIn: null })).toBe(beyond);
		expect(enable(keySession(true), expired, { name: "renamed" })).toBeNull();
		expect(enable(keySession(true), { enabled: true, expiresAt: inAWeek }, { expiresIn: DAY })).toBeNull();
		expect(enable(keySession(false), expired, { expiresIn: DAY })).toBeNull();
	});

	test("a cookie session, and a key whose limits do not bind, enable as before", () => {
		expect(enable({ session: {}, user: { id: "user-1" } }, { enabled: false })).toBeNull();
		expect(enable(keySession(false), { enabled: false })).toBeNull();
	});
});

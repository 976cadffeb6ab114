// fast-check arbitraries for hostile request inputs, kept as JSON trees so that
// keys such as `__proto__` stay own keys in the text sent over HTTP and in the
// object JSON.parse makes of it for auth.api.
import fc from "fast-check";

export type Json =
	| { scalar: string | number | boolean | null }
	| { array: Json[] }
	| { object: [string, Json][] };

export function jsonText(json: Json): string {
	if ("scalar" in json) return JSON.stringify(json.scalar) ?? "null";
	if ("array" in json) return `[${json.array.map(jsonText).join(",")}]`;
	return `{${json.object.map(([k, v]) => `${JSON.stringify(k)}:${jsonText(v)}`).join(",")}}`;
}

export function toJson(value: unknown): Json {
	if (Array.isArray(value)) return { array: value.map(toJson) };
	if (value && typeof value === "object") return { object: Object.entries(value).map(([k, v]) => [k, toJson(v)]) };
	return { scalar: value as string | number | boolean | null };
}

const PROTOTYPE_KEYS = ["__proto__", "constructor", "prototype"];

/** Strings that have broken parsers, validators and queries before. */
const NASTY_STRINGS = [
	"",
	" ",
	"\u0000",
	"org\u0000id",
	"x".repeat(10_000),
	"😀".repeat(3_000),
	"\u202e\u0301\ufeff",
	"' OR '1'='1",
	"%00",
	"../../../etc/passwd",
	"null",
	"[object Object]",
	"__proto__",
];

/** Hostile values: wrong types, huge and unicode strings, null bytes, nested objects with prototype keys. */
export function hostileJson(interestingStrings: string[], interestingKeys: string[]): fc.Arbitrary<Json> {
	const string = fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.string({ unit: "grapheme", maxLength: 40 }),
		fc.string({ unit: "binary", maxLength: 40 }),
		fc.constantFrom(...NASTY_STRINGS),
		fc.constantFrom(...interestingStrings),
	);
	const scalar = fc.oneof(
		string,
		fc.integer(),
		fc.double(),
		fc.boolean(),
		fc.constant(null),
	).map((scalar): Json => ({ scalar }));
	const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...interestingKeys), fc.string({ maxLength: 12 }));
	const { json } = fc.letrec<{ json: Json }>((tie) => ({
		json: fc.oneof(
			{ depthSize: "small", withCrossShrink: true },
			scalar,
			fc.array(tie("json"), { maxLength: 4 }).map((array): Json => ({ array })),
			fc.array(fc.tuple(key, tie("json")), { maxLength: 5 }).map((object): Json => ({ object })),
		),
	}));
	return json;
}

/** Entries overriding or adding fields of a valid input. */
export function hostileEntries(interestingStrings: string[], interestingKeys: string[]) {
	const key = fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS, ...interestingKeys), fc.string({ maxLength: 12 }));
	return fc.array(fc.tuple(key, hostileJson(interestingStrings, interestingKeys)), { minLength: 1, maxLength: 4 });
}

/** Text that is not JSON, or JSON of the wrong shape, for a request body. */
export const MALFORMED_BODIES = ["", "{", "[1,", '{"__proto__":', "\u0000", "null", "[]", '"organizationId"', "1e999"];

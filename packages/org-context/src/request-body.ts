import { APIError } from "better-auth/api";

/** better-call's answer to a body that is not JSON, from 1.3.6 on (better-auth 1.6.16+). */
export const INVALID_JSON_BODY = "Invalid JSON in request body";

/**
 * Up to better-call 1.3.5 (better-auth 1.6.15), a JSON body that does not parse
 * reached the router as a SyntaxError: a 500 for every caller, on every endpoint.
 * Runs where the router first sees the request, so that the request's own json()
 * answers a 400 as later releases do. Reading the text and parsing it is what
 * json() does, so a body that parses costs what it cost. Reflect: a request that
 * cannot take the property (a frozen one) keeps its own json(), rather than failing.
 */
export function answerInvalidJsonWith400(request: Request): void {
	Reflect.defineProperty(request, "json", {
		configurable: true,
		value: async () => {
			const text = await request.text();
			try {
				return JSON.parse(text);
			} catch {
				throw new APIError("BAD_REQUEST", { message: INVALID_JSON_BODY, code: "BAD_REQUEST" });
			}
		},
	});
}

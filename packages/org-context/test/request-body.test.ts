import { APIError } from "better-auth/api";
import { expect, test } from "vitest";
import { answerInvalidJsonWith400, INVALID_JSON_BODY } from "../src/request-body";

const post = (body: string) => new Request("http://localhost/api/auth/x", { method: "POST", headers: { "content-type": "application/json" }, body });

test("a body that parses reads as json() reads it", async () => {
	const request = post('{"organizationId":"org_1","permissions":{"member":["create"]}}');
	answerInvalidJsonWith400(request);
	expect(await request.json()).toEqual({ organizationId: "org_1", permissions: { member: ["create"] } });
});

test.each(["{", "[1,", "", "\u0000"])("a body that does not parse (%j) is a 400 APIError", async (text) => {
	const request = post(text);
	answerInvalidJsonWith400(request);
	const error = await request.json().catch((e: unknown) => e);
	expect(error).toBeInstanceOf(APIError);
	expect(error).toMatchObject({ statusCode: 400, body: { code: "BAD_REQUEST", message: INVALID_JSON_BODY } });
});

test("a request that cannot take the property keeps its own json()", async () => {
	const request = Object.freeze(post("{"));
	answerInvalidJsonWith400(request);
	await expect(request.json()).rejects.toBeInstanceOf(SyntaxError);
});

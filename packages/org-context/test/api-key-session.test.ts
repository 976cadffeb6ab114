import { describe, expect, test } from "vitest";
import { type BoundMember, boundMemberRead, boundOrganizationOf, isApiKeySession, keyPermissionsOf, markApiKeySession } from "../src/api-key-session";

const mark = <S extends ReturnType<typeof mockSession>>(session: S, boundOrganizationId: string | null, boundMember?: BoundMember) =>
	markApiKeySession(session, { boundOrganizationId, boundMember, keyPermissions: null });

const mockSession = () => ({ session: { id: "session-1", userId: "user-1" }, user: { id: "user-1", email: "bob@example.com" } });

describe("the API-key session mark", () => {
	test("a marked session is detected; the mark is set on the session passed in", () => {
		const session = mockSession();
		expect(mark(session, null)).toBe(session);
		expect(isApiKeySession(session)).toBe(true);
	});

	test("an unmarked session is not detected", () => {
		expect(isApiKeySession(mockSession())).toBe(false);
	});

	test.each([undefined, null, "session", 42])("%s is not an API-key session", (value) => {
		expect(isApiKeySession(value)).toBe(false);
	});

	test("the mark and its binding survive the spread copies better-auth makes of a hook's context", () => {
		const copy = { ...mark(mockSession(), "org-1") };
		expect(isApiKeySession(copy)).toBe(true);
		expect(boundOrganizationOf(copy)).toBe("org-1");
	});

	test("the mark stays out of JSON and Object.keys", () => {
		const marked = mark(mockSession(), "org-1");
		expect(JSON.stringify(marked)).toBe(JSON.stringify(mockSession()));
		expect(Object.keys(marked)).toEqual(["session", "user"]);
	});

	test("a session marked by another copy of the module is detected (the key is Symbol.for)", () => {
		const markedElsewhere = { ...mockSession(), [Symbol.for("better-auth.api-key-session")]: { boundOrganizationId: null } };
		expect(isApiKeySession(markedElsewhere)).toBe(true);
	});

	test("only a bound key's session names a bound organization", () => {
		expect(boundOrganizationOf(mark(mockSession(), "org-1"))).toBe("org-1");
		expect(boundOrganizationOf(mark(mockSession(), null))).toBeNull();
		expect(boundOrganizationOf(mockSession())).toBeNull();
		expect(boundOrganizationOf(undefined)).toBeNull();
	});

	test("the member row the hook read is reused for its user in its bound organization only", () => {
		const member = { id: "member-1", role: "member" };
		const session = mark(mockSession(), "org-1", member);
		expect(boundMemberRead(session, "user-1", "org-1")).toBe(member);
		expect(boundMemberRead(session, "user-2", "org-1")).toBeUndefined();
		expect(boundMemberRead(session, "user-1", "org-2")).toBeUndefined();
		expect(boundMemberRead(mockSession(), "user-1", "org-1")).toBeUndefined();
	});

	test("a read that found no member is reused as no member; an unbound key's session has read none", () => {
		expect(boundMemberRead(mark(mockSession(), "org-1", null), "user-1", "org-1")).toBeNull();
		expect(boundMemberRead(mark(mockSession(), null), "user-1", "org-1")).toBeUndefined();
	});

	test("only a capped key's session carries permissions: a cookie session and an uncapped key's carry none", () => {
		const permissions = { project: ["read"] };
		expect(keyPermissionsOf(markApiKeySession(mockSession(), { boundOrganizationId: "org-1", keyPermissions: permissions }))).toBe(permissions);
		expect(keyPermissionsOf(mark(mockSession(), "org-1"))).toBeNull();
		expect(keyPermissionsOf(mockSession())).toBeNull();
	});
});

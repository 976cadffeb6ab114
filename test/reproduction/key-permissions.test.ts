// Least privilege: a key bound to an organization with `permissions` may do what
// both its user's current role and its permissions grant, never more. Upstream
// stores a key's permissions and ignores them in the session it mocks.
import { beforeEach, describe, expect, test } from "vitest";
import { api, http } from "../support/call";
import { expectFixed, KEY_PERMISSIONS_CAP, patchOnly, rejectsEveryPermissionBody } from "../support/expect";
import { createWorld, type World } from "../support/world";

let w: World;
beforeEach(async () => {
	w = await createWorld();
});

/** A key made by the server (upstream keeps permissions server-only), bound to `acme` when the patch is applied. */
async function serverMadeKey(userId: string, permissions: Record<string, string[]>) {
	const created = await api(w.auth, "createApiKey", { body: { userId, organizationId: w.org.id, permissions } });
	expect(created.status).toBe(200);
	return new Headers({ "x-api-key": created.body.key });
}

const ask = (headers: Headers, permissions: Record<string, string[]>) =>
	http(w.auth, "POST", "/organization/has-permission", { headers, body: { permissions, organizationId: w.org.id } });

patchOnly(KEY_PERMISSIONS_CAP).describe("a bound key's permissions cap its user's role", () => {
	test("the owner's read-only key may read, and may not update or delete the organization", async () => {
		const readOnly = await serverMadeKey(w.alice.id, { organization: ["read"], project: ["read"] });
		const read = await ask(readOnly, { organization: ["read"] });
		const update = await ask(readOnly, { organization: ["update"] });
		const renamed = await http(w.auth, "POST", "/organization/update", {
			headers: readOnly,
			body: { organizationId: w.org.id, data: { name: "renamed by a read-only key" } },
		});
		expectFixed({ read, update, renamed }, {
			fixed: (r) => {
				expect(r.read.body).toEqual({ error: null, success: true });
				expect(r.update.body).toEqual({ error: null, success: false });
				expect(r.renamed).toMatchObject({ status: 403, body: { code: "YOU_ARE_NOT_ALLOWED_TO_UPDATE_THIS_ORGANIZATION" } });
			},
			// Upstream ignores the key's permissions: the owner's role decides alone (up to 1.6.2 its body schema refuses the check).
			upstream: (r) => {
				if (!rejectsEveryPermissionBody) expect(r.update.body).toEqual({ error: null, success: true });
				expect(r.renamed.status).toBe(200);
			},
		});
	});

	test("a key's permissions never widen its role: a member's key with delete may not delete", async () => {
		const wide = await serverMadeKey(w.bob.id, { organization: ["read", "delete"] });
		const deleted = await http(w.auth, "POST", "/organization/delete", { headers: wide, body: { organizationId: w.org.id } });
		expect(deleted.status).toBe(403);
		expect((await api(w.auth, "getFullOrganization", { headers: w.alice.cookie, query: { organizationId: w.org.id } })).status).toBe(200);
	});

});

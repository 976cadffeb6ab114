import { createMiddleware } from "hono/factory";
import type { Auth } from "./auth";
import type { statement } from "./permissions";

export type Permissions = { [R in keyof typeof statement]?: (typeof statement)[R][number][] };

/** What a guarded route knows about its caller. */
export type GuardedEnv = { Variables: { userId: string; organizationId: string } };

/**
 * Lets a request through when its caller, by API key (`x-api-key`) or session
 * cookie, holds `permissions` in the organization named by `?organizationId=`
 * (a cookie session may instead rely on its active organization).
 */
export function requirePermission(auth: Auth, permissions: Permissions) {
	return createMiddleware<GuardedEnv>(async (c, next) => {
		const headers = c.req.raw.headers;
		const session = await auth.api.getSession({ headers });
		if (!session) {
			return c.json({ code: "UNAUTHORIZED", message: "Send an API key in the x-api-key header" }, 401);
		}
		const organizationId = c.req.query("organizationId") ?? session.session.activeOrganizationId;
		if (!organizationId) {
			return c.json({ code: "ORGANIZATION_ID_REQUIRED", message: "Name the organization: ?organizationId=" }, 400);
		}
		// Throws an APIError (see app.ts) when the caller is not a member of the organization.
		const { success } = await auth.api.hasPermission({ headers, body: { organizationId, permissions } });
		if (!success) {
			return c.json({ code: "FORBIDDEN", message: "Your role in this organization does not allow this" }, 403);
		}
		c.set("userId", session.user.id);
		c.set("organizationId", organizationId);
		await next();
	});
}

import { Hono } from "hono";
import * as z from "zod";
import type { Auth } from "../auth";
import type { ProjectStore } from "../projects";
import { type GuardedEnv, requirePermission } from "../require-permission";

const newProject = z.object({ name: z.string().trim().min(1).max(200) });

/** `GET /projects` and `POST /projects`, in the organization named by `?organizationId=`. */
export function projectRoutes(auth: Auth, projects: ProjectStore) {
	return new Hono<GuardedEnv>()
		.get("/", requirePermission(auth, { project: ["read"] }), async (c) => {
			return c.json(await projects.list(c.get("organizationId")));
		})
		.post("/", requirePermission(auth, { project: ["create"] }), async (c) => {
			const body = newProject.safeParse(await c.req.json().catch(() => undefined));
			if (!body.success) return c.json({ code: "VALIDATION_ERROR", message: z.prettifyError(body.error) }, 400);
			const project = await projects.create({
				organizationId: c.get("organizationId"),
				name: body.data.name,
				createdBy: c.get("userId"),
			});
			return c.json(project, 201);
		});
}

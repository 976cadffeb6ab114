import { APIError } from "better-auth/api";
import { Hono } from "hono";
import type { Auth } from "./auth";
import type { ProjectStore } from "./projects";
import { projectRoutes } from "./routes/projects";

export function createApp(auth: Auth, projects: ProjectStore) {
	return new Hono()
		.on(["GET", "POST"], "/api/auth/*", (c) => auth.handler(c.req.raw))
		.route("/projects", projectRoutes(auth, projects))
		.onError((error, c) => {
			// better-auth's server API throws its HTTP errors: answer them as its handler would.
			if (error instanceof APIError) return c.json(error.body ?? {}, error.statusCode as 400);
			console.error(error);
			return c.json({ code: "INTERNAL_SERVER_ERROR", message: "Something went wrong" }, 500);
		});
}

// One benchmarked server, run as a child process so that patched and unpatched
// better-auth never share a process: `#target` (see ./variants.ts) decides which
// packages test/support/auth.ts loads. It migrates its database, creates the small
// world, serves `auth.handler` on 127.0.0.1 and tells the parent over IPC.
import http from "node:http";
import Database from "better-sqlite3";
import pg from "pg";
import { createTestAuth, type TestAuth } from "../test/support/auth";
import { populateSmallWorld } from "../test/support/measured-world";
import { createKeyHeaders } from "../test/support/world";
import { type CpuCommand, type Credentials, type Database as DatabaseSpec, type ScaleCommand, type ServerMessage } from "./protocol";
import { handleScaleCommand } from "./scale-data";

function openDatabase(spec: DatabaseSpec) {
	if (spec.kind === "postgres") return new pg.Pool({ connectionString: spec.url, max: 10 });
	// SQLite's defaults (rollback journal, full sync): every write an autocommit that reaches the disk.
	return new Database(spec.file);
}

/** auth.handler behind node:http, as better-auth's own node adapter does it. */
function serve(auth: TestAuth): Promise<number> {
	const server = http.createServer(async (req, res) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const headers = new Headers();
		for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
		const request = new Request(new URL(req.url ?? "/", "http://localhost:3000"), {
			method: req.method,
			headers,
			body: chunks.length ? Buffer.concat(chunks) : undefined,
		});
		const response = await auth.handler(request);
		const body = Buffer.from(await response.arrayBuffer());
		response.headers.forEach((value, name) => {
			if (name !== "set-cookie") res.setHeader(name, value);
		});
		const cookies = response.headers.getSetCookie();
		if (cookies.length) res.setHeader("set-cookie", cookies);
		res.writeHead(response.status).end(body);
	});
	return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

const spec = JSON.parse(process.env.BENCH_DATABASE ?? "") as DatabaseSpec;
const patched = process.env.BENCH_VARIANT === "patched";
const database = openDatabase(spec);
const auth = await createTestAuth(database);
const world = await populateSmallWorld(auth);
const credentials: Credentials = {
	cookie: world.alice.cookie.get("cookie") ?? "",
	key: world.bob.key.get("x-api-key") ?? "",
	boundKey: patched ? ((await createKeyHeaders(auth, world.bob.cookie, { organizationId: world.org.id })).get("x-api-key") ?? "") : null,
	organizationId: world.org.id,
	userId: world.bob.id,
};
const send = (message: ServerMessage) => process.send?.(message);
function cpuUsed(): ServerMessage {
	const { user, system } = process.cpuUsage();
	return { type: "cpu", microseconds: user + system };
}
process.on("message", async (command: ScaleCommand | CpuCommand) =>
	send(command.type === "cpu" ? cpuUsed() : await handleScaleCommand(database, spec, credentials, command)),
);
send({ type: "ready", port: await serve(auth), credentials });

// Server side of the scale runs: bulk-inserts users, organizations and member
// rows with plain SQL (better-auth's API would take minutes for 100,000 rows), and
// shows the database's plan for the membership read the bound key does.
import type BetterSqlite from "better-sqlite3";
import type pg from "pg";
import type { Credentials, Database, ScaleCommand, ScaleSize, ServerMessage } from "./protocol";

/** The membership read as better-auth's Kysely adapter issues it (see test/statements). */
const MEMBERSHIP_READ = `select * from "member" where ("member"."organizationId" = :organizationId and "member"."userId" = :userId)`;

/** Rows numbered :from to :to; each dialect spells the numbers differently. */
const NUMBERS = "{numbers}";

/**
 * Users who are members of the organization, or organizations the user is a
 * member of. Dates and flags are copied from rows better-auth wrote, so they have
 * the representation the driver gave them.
 */
const GROW = {
	organizationMembers: [
		`insert into "user" ("id", "name", "email", "emailVerified", "createdAt", "updatedAt")
		 select 'scale-user-' || n, 'Scale user', 'scale-user-' || n || '@example.com', t."emailVerified", t."createdAt", t."updatedAt"
		 from ${NUMBERS}, (select * from "user" limit 1) as t`,
		`insert into "member" ("id", "organizationId", "userId", "role", "createdAt")
		 select 'scale-member-' || n, :owner, 'scale-user-' || n, 'member', t."createdAt" from ${NUMBERS}, (select * from "member" limit 1) as t`,
	],
	userMemberships: [
		`insert into "organization" ("id", "name", "slug", "createdAt")
		 select 'scale-org-' || n, 'Scale organization', 'scale-org-' || n, t."createdAt" from ${NUMBERS}, (select * from "organization" limit 1) as t`,
		`insert into "member" ("id", "organizationId", "userId", "role", "createdAt")
		 select 'scale-membership-' || n, 'scale-org-' || n, :owner, 'member', t."createdAt" from ${NUMBERS}, (select * from "member" limit 1) as t`,
	],
};

/** Not created by better-auth's migrations, which index organizationId and userId each on its own. */
const COMPOSITE_INDEX = `create index if not exists "member_organizationId_userId_idx" on "member" ("organizationId", "userId")`;

const COUNT = {
	organizationMembers: `select count(*) as n from "member" where "organizationId" = :owner`,
	userMemberships: `select count(*) as n from "member" where "userId" = :owner`,
};

type Params = Record<string, string | number>;

interface Driver {
	run(sql: string, params: Params): Promise<void>;
	/** The membership read alone, through the driver. */
	read(params: Params): Promise<void>;
	count(sql: string, params: Params): Promise<number>;
	/** After bulk inserts: what the database does to keep its plans informed. */
	settle(): Promise<void>;
	plan(params: Params): Promise<string[]>;
	/** The definitions of the member table's indexes. */
	indexes(): Promise<string[]>;
}

function sqliteDriver(db: BetterSqlite.Database): Driver {
	const numbers = "(with recursive s(n) as (select :from union all select n + 1 from s where n < :to) select n from s)";
	const prepare = (sql: string) => db.prepare(sql.replace(NUMBERS, numbers));
	// better-sqlite3 wants exactly the named parameters a statement uses.
	const used = (sql: string, params: Params) => Object.fromEntries(Object.entries(params).filter(([name]) => sql.includes(`:${name}`)));
	return {
		async run(sql, params) {
			prepare(sql).run(used(sql.replace(NUMBERS, numbers), params));
		},
		async count(sql, params) {
			return (prepare(sql).get(used(sql, params)) as { n: number }).n;
		},
		async read(params) {
			prepare(MEMBERSHIP_READ).all(params);
		},
		// Migrations never run ANALYZE, nor do most apps: the plan stays the one SQLite picks without statistics.
		async settle() {},
		async plan(params) {
			const rows = prepare(`explain query plan ${MEMBERSHIP_READ}`).all(params) as { detail: string }[];
			return rows.map((r) => r.detail);
		},
		async indexes() {
			const rows = db.prepare("select name, sql from sqlite_master where type = 'index' and tbl_name = 'member'").all() as { name: string; sql: string | null }[];
			return rows.map((r) => r.sql ?? `${r.name} (primary key)`);
		},
	};
}

function postgresDriver(pool: pg.Pool): Driver {
	const query = (sql: string, params: Params) => {
		const names: string[] = [];
		const text = sql
			.replace(NUMBERS, "generate_series(:from::int, :to::int) as n")
			.replace(/(?<!:):(\w+)/g, (_, name: string) => `$${names.includes(name) ? names.indexOf(name) + 1 : names.push(name)}`);
		return pool.query(text, names.map((name) => params[name]));
	};
	return {
		async run(sql, params) {
			await query(sql, params);
		},
		async count(sql, params) {
			return Number((await query(sql, params)).rows[0].n);
		},
		async read(params) {
			await query(MEMBERSHIP_READ, params);
		},
		// Autovacuum would analyze the grown tables within a minute; done at once here.
		async settle() {
			await pool.query("analyze");
		},
		async plan(params) {
			const { rows } = await query(`explain (analyze, costs off, timing off, summary off) ${MEMBERSHIP_READ}`, params);
			return rows.map((r: Record<string, string>) => r["QUERY PLAN"]);
		},
		async indexes() {
			const { rows } = await pool.query("select indexdef from pg_indexes where tablename = 'member' order by indexname");
			return rows.map((r: { indexdef: string }) => r.indexdef);
		},
	};
}

async function grow(driver: Driver, credentials: Credentials, target: ScaleSize) {
	for (const kind of ["organizationMembers", "userMemberships"] as const) {
		const owner = kind === "organizationMembers" ? credentials.organizationId : credentials.userId;
		const current = await driver.count(COUNT[kind], { owner });
		// Numbered after the rows already there, so ids never collide.
		if (target[kind] > current) for (const sql of GROW[kind]) await driver.run(sql, { from: current + 1, to: target[kind], owner });
	}
	if (target.compositeIndex) await driver.run(COMPOSITE_INDEX, {});
	await driver.settle();
}

/** Median time of the membership read, repeated: its own cost, apart from the request around it. */
async function timeReads(driver: Driver, params: Params, times = 300): Promise<number> {
	const durations: number[] = [];
	for (let i = 0; i < times; i++) {
		const started = performance.now();
		await driver.read(params);
		durations.push(performance.now() - started);
	}
	return durations.sort((a, b) => a - b)[Math.floor(times / 2)];
}

export async function handleScaleCommand(database: unknown, spec: Database, credentials: Credentials, command: ScaleCommand): Promise<ServerMessage> {
	const driver = spec.kind === "sqlite" ? sqliteDriver(database as BetterSqlite.Database) : postgresDriver(database as pg.Pool);
	if (command.type === "explain") {
		const params = { organizationId: credentials.organizationId, userId: credentials.userId };
		return { type: "plan", lines: await driver.plan(params), indexes: await driver.indexes(), readMilliseconds: await timeReads(driver, params) };
	}
	const started = performance.now();
	await grow(driver, credentials, command);
	return { type: "grown", seconds: (performance.now() - started) / 1000 };
}

// Messages between the benchmark (parent) and its servers (./server.ts).

export type Database = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

/** What a benchmarked request authenticates with, created by the server at start. */
export interface Credentials {
	/** Alice's session cookie: she owns the organization, which her session has active. */
	cookie: string;
	/** Bob's unbound API key; Bob is a member of the organization. */
	key: string;
	/** Bob's key bound to the organization: patched servers only. */
	boundKey: string | null;
	organizationId: string;
	/** Bob's user id. */
	userId: string;
}

/** The data of one scale step: `compositeIndex` adds an index on member (organizationId, userId). */
export interface ScaleSize {
	organizationMembers: number;
	userMemberships: number;
	compositeIndex?: boolean;
}

/** Scale runs: grow the data, or show the plan of the membership read. */
export type ScaleCommand = ({ type: "grow" } & ScaleSize) | { type: "explain" };

/** Asks a server for the CPU time its process has used: less swayed by other load on the machine than req/s. */
export type CpuCommand = { type: "cpu" };

export type ServerMessage =
	| { type: "ready"; port: number; credentials: Credentials }
	| { type: "grown"; seconds: number }
	| { type: "plan"; lines: string[]; indexes: string[]; readMilliseconds: number }
	| { type: "cpu"; microseconds: number };

// Bounded bursts of parallel requests over a loopback socket: permission checks
// racing role changes and a removal, and one invitation accepted many times at once.
// After a change commits, no request sent later may see the old rights; nothing
// may answer 5xx; an invitation is accepted exactly when its member exists.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Reply } from "../support/call";
import { has } from "../support/capabilities";
import { projectName } from "../support/expect";
import { type Loopback, serveOnLoopback } from "../support/loopback";
import { addMember, createKeyHeaders, type Person, signUp } from "../support/world";
import { quietBetterAuthLogger } from "./quiet";
import { createTenants, type Tenants } from "./tenants";

/** Requests in flight at once. */
const CONCURRENCY = 16;
/** Per burst: the change is sent with request number CHANGE_AT, and the burst goes on until AFTER_COMMIT more were sent after it committed. */
const CHANGE_AT = 16;
const AFTER_COMMIT = 32;
/** The most one burst may send, so a change that never commits fails the test instead of running on. */
const BURST_LIMIT = 1_000;

let t: Tenants;
let loopback: Loopback;
let requestsSent = 0;
quietBetterAuthLogger();

beforeAll(async () => {
	t = await createTenants();
	loopback = await serveOnLoopback(t.auth);
});
afterAll(() => loopback.close());

const call: Loopback["call"] = (method, path, input) => {
	requestsSent++;
	return loopback.call(method, path, input);
};

interface Answer {
	/** Whether the change had committed (its response had arrived) when this request was sent. */
	sentAfterCommit: boolean;
	reply: Reply;
}

/**
 * CONCURRENCY workers sending probes; the change goes out among them, and the
 * burst ends once AFTER_COMMIT probes were sent after the change committed, or
 * the change failed, or BURST_LIMIT probes were sent.
 */
async function burst(change: () => Promise<Reply>, probe: (i: number) => Promise<Reply>) {
	let sent = 0;
	let sentAfterCommit = 0;
	let committed = false;
	let changeReply: Reply | undefined;
	let changeError: unknown;
	let changeDone: Promise<void> | undefined;
	const answers: Answer[] = [];
	const worker = async () => {
		while (changeError === undefined && sent < BURST_LIMIT && (!committed || sentAfterCommit < AFTER_COMMIT)) {
			const i = sent++;
			if (i === CHANGE_AT) {
				changeDone = change().then(
					(reply) => {
						changeReply = reply;
						committed = true;
					},
					(error) => {
						changeError = error ?? new Error("the change failed");
					},
				);
			}
			const after = committed;
			if (after) sentAfterCommit++;
			answers.push({ sentAfterCommit: after, reply: await probe(i) });
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	await changeDone;
	if (changeError !== undefined) throw changeError;
	return { change: changeReply, answers };
}

describe("permission checks racing role changes and a removal", () => {
	let carol: Person;
	let keys: Headers[];
	let memberId: string;

	beforeAll(async () => {
		carol = await signUp(t.auth, "carol");
		await addMember(t.auth, t.acme.id, carol, "admin");
		// Without bound keys (the pull requests' build), her unbound key every time.
		keys = [carol.key, has("boundKeys") ? await createKeyHeaders(t.auth, carol.cookie, { organizationId: t.acme.id }) : carol.key];
		const members = await loopback.call("GET", "/organization/list-members", {
			headers: t.acme.owner.key,
			query: { organizationId: t.acme.id },
		});
		memberId = members.body.members.find((m: { userId: string }) => m.userId === carol.id).id;
	});

	/** May carol create projects in acme? Alternates her unbound key (naming acme) and her key bound to acme (naming nothing). */
	const mayCreateProjects = (i: number) =>
		call("POST", "/organization/has-permission", {
			headers: keys[i % 2],
			body: { permissions: { project: ["create"] }, ...(i % 2 && has("boundKeys") ? {} : { organizationId: t.acme.id }) },
		});
	const setRole = (role: string) => () =>
		call("POST", "/organization/update-member-role", {
			headers: t.acme.owner.key,
			body: { organizationId: t.acme.id, memberId, role },
		});
	const granted = (r: Reply) => r.status === 200 && r.body.success === true;
	/** A member's answer: the check runs and says no. Any other refusal would be a failure, not a demotion. */
	const deniedByRole = (r: Reply) => r.status === 200 && r.body.success === false;
	const refusedAsNonMember = (r: Reply) => r.status === 401 && r.body?.code === "USER_IS_NOT_A_MEMBER_OF_THE_ORGANIZATION";

	const rounds: [string, () => Promise<Reply>, (r: Reply) => boolean][] = [
		["demoted to member", setRole("member"), deniedByRole],
		["promoted to admin", setRole("admin"), granted],
		["demoted to member again", setRole("member"), deniedByRole],
		["promoted to admin again", setRole("admin"), granted],
		[
			"removed",
			() => call("POST", "/organization/remove-member", { headers: t.acme.owner.key, body: { organizationId: t.acme.id, memberIdOrEmail: memberId } }),
			refusedAsNonMember,
		],
	];

	test.each(rounds)("%s: every request sent after the change commits sees it; none answers 5xx", async (_name, change, newRights) => {
		const { change: changed, answers } = await burst(change, mayCreateProjects);
		expect(changed).toMatchObject({ status: 200 });
		expect(answers.filter((a) => a.reply.status >= 500)).toEqual([]);
		// Before the change commits, the rights of the round before: granted, or a member's no.
		expect(answers.filter((a) => !granted(a.reply) && !deniedByRole(a.reply) && !newRights(a.reply))).toEqual([]);
		const late = answers.filter((a) => a.sentAfterCommit);
		expect(late.length).toBeGreaterThanOrEqual(AFTER_COMMIT);
		expect(late.filter((a) => !newRights(a.reply))).toEqual([]);
	});
});

/** Attempts to accept one invitation at once: enough for 1.4.x on PostgreSQL to race every time (18 of 18 tried). */
const ATTEMPTS = 16;

describe.each([
	["cookie and key, without a team", false, false],
	["cookie and key, with a team", true, false],
	// The API-key path alone: upstream 1.4.x wrote part of the acceptance, then failed.
	["key only, with a team", true, true],
])(`one invitation accepted by ${ATTEMPTS} requests at once, %s`, (name, withTeam, keyOnly) => {
	let outcome: { fivexx: number; successes: number; invitation?: string; members: number; teamMembers: number };

	beforeAll(async () => {
		const invitee = await signUp(t.auth, `invitee-${name.replaceAll(/\W+/g, "-")}`);
		const invitation = await call("POST", "/organization/invite-member", {
			headers: t.acme.owner.key,
			body: { email: invitee.email, role: "member", organizationId: t.acme.id, ...(withTeam ? { teamId: t.acme.team.id } : {}) },
		});
		expect(invitation.status).toBe(200);
		const replies = await Promise.all(
			Array.from({ length: ATTEMPTS }, (_, i) =>
				call("POST", "/organization/accept-invitation", {
					headers: keyOnly || i % 2 ? invitee.key : invitee.cookie,
					body: { invitationId: invitation.body.id },
				}),
			),
		);
		const { adapter } = await t.auth.$context;
		const rowsOf = (model: string, where: [string, string][]) =>
			adapter.findMany({ model, where: where.map(([field, value]) => ({ field, value })) });
		const stored = await adapter.findOne<{ status: string }>({ model: "invitation", where: [{ field: "id", value: invitation.body.id }] });
		outcome = {
			fivexx: replies.filter((r) => r.status >= 500).length,
			successes: replies.filter((r) => r.status === 200).length,
			invitation: stored?.status,
			members: (await rowsOf("member", [["organizationId", t.acme.id], ["userId", invitee.id]])).length,
			teamMembers: (await rowsOf("teamMember", [["teamId", t.acme.team.id], ["userId", invitee.id]])).length,
		};
	});

	// Whole-outcome comparisons, so that a failure shows the answers and the rows together.
	test("the invitation is accepted exactly when its member (and team member) exists; no 5xx", () => {
		const { fivexx, invitation, members, teamMembers } = outcome;
		expect({ fivexx, invitation, member: members > 0, teamMember: teamMembers > 0 }).toEqual({
			fivexx: 0,
			invitation: "accepted",
			member: true,
			teamMember: withTeam,
		});
	});

	test("exactly one attempt succeeds and writes one member (and team member) row", () => {
		expect(outcome).toMatchObject({ successes: 1, members: 1, teamMembers: withTeam ? 1 : 0 });
	});
});

afterAll(() => {
	console.log(
		`[security] concurrency ${projectName}: ${requestsSent} requests over loopback ` +
			`(${CONCURRENCY} in flight; 5 bursts racing role changes and a removal, each going on for ${AFTER_COMMIT} requests after the change committed; 3 x ${ATTEMPTS} concurrent acceptInvitation)`,
	);
});

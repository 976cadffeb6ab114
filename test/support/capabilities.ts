// The same contract, two implementations: the patch set (every release of the
// matrix, patched) and the pull requests on upstream's source (pull-requests/,
// run as the packed build of main + every pull request with PR_BUILD=1, the
// project `better-auth@1.7.1+prs`). The pull requests carry the #6307 fix (01),
// the neighbouring fixes (02-08), and bound keys (09) and key permissions (10) in
// upstream's idiom; what only the patch set has is listed here, once, with the
// reason, and its tests skip on the pull requests' build.
// No imports of the release under test: vitest.config.ts reads this file too.
import { expect } from "vitest";
import { type Gate, gate } from "./gate.ts";

/** True when this project runs the packed build of upstream main + every pull request. */
export const prBuild = process.env.PR_BUILD === "1";

/** What only the patch set has, and why the pull requests do not have it (docs/upstream-pr.md). */
export const PATCH_SET_ONLY = {
	boundKeys:
		"organization-bound keys as the patch set answers them (its codes, organizationKeys options, organizations owning keys): pull request 09 binds keys in upstream's idiom, with its own codes, option and allowlist (docs/upstream-pr.md, where 09 differs), proven by its own tests; these files pin the patch set's answers and are not ported to 09's",
	keyPermissions:
		"key permissions capping the member's role, delegation and lineage as the patch set answers them (bound keys capped always, its codes and limits): pull request 10 caps behind its own option, off by default, with upstream's codes and part of the lineage, proven by its own tests; these files are not ported to its answers",
	organizationIdBounds:
		"a 400 VALIDATION_ERROR for an organizationId that is empty or longer than 256 characters: not in the issue, so not in 01 (upstream answers them as no organization named, or as one the caller is not a member of)",
	ambiguousOrganization:
		"a 400 VALIDATION_ERROR for a request naming its organization twice (id and slug, body and query, a repeated parameter) or where the endpoint does not read it: not in the issue, so not in 01 (upstream takes one of them, by its own precedence; the membership check still runs on that one)",
	statementFloor:
		"the statement floor: hasPermission without its second read of the user, an API-key request reading the key, its user and the member and writing the key once; a saving of the patch set's, not in the issue",
	sameStatementsBySlug:
		"someone else's organization named by slug costing the statements of a missing one: 07 answers both alike and leaves a one-statement difference (the membership read once the slug resolves), said in its PR.md",
	// Neighbouring bugs upstream main still has that no pull request covers yet: gaps of pull-requests/, not choices.
	foreignMemberIds:
		"another organization's member answered as a missing member (updateMemberRole, removeMember): no pull request yet, upstream tells them apart (403 or the only-owner refusal against 400 MEMBER_NOT_FOUND)",
	bannedUserKeys: "a banned user's key refused (403 BANNED_USER): no pull request yet, upstream's key session passes the ban",
	boundKeySlugRace:
		"a bound key naming its organization by slug while another organization of its user takes that slug mid-request: 09's hook checks the slug and the endpoint looks it up again, so it can serve the other organization (found by this suite on the pull requests' build; open in 09's PR.md)",
	deepMetadata:
		"api-key metadata nested thousands of levels deep refused (400) before any write, and such a stored row served: no pull request yet, upstream writes the key and then answers its create, get and every list of the user's keys with a 500",
	deepOrganizationMetadata:
		"organization metadata nested 20,000 levels deep refused (400) on create and update, for every caller: no pull request yet, upstream's adapter serializes it with JSON.stringify, which overflows the stack (500, nothing written)",
	deepBodies: "a body nested 20,000 levels deep answered 400: no pull request yet, the api-key hook's recursive merge of the body overflows the stack (500)",
} as const;

export type PatchSetOnly = keyof typeof PATCH_SET_ONLY;

/** Test files that test nothing but one of these, left out of the pull requests' project (vitest.config.ts). */
export const PATCH_SET_ONLY_FILES: Record<string, PatchSetOnly> = {
	"test/reproduction/organization-bound-keys.test.ts": "boundKeys",
	"test/reproduction/organization-owned-keys.test.ts": "boundKeys",
	"test/reproduction/key-permissions.test.ts": "keyPermissions",
	"test/endpoints/key-permissions.test.ts": "keyPermissions",
	"test/security/delegation.test.ts": "keyPermissions",
	"test/security/key-lineage.test.ts": "keyPermissions",
};

/** True when the implementation under test has it: each is the patch set's alone, so the pull requests' build has none. */
export const has = (_capability: PatchSetOnly) => !prBuild;

/**
 * `test`, `test.each` and `describe` for what only the patch set has: skipped on the
 * pull requests' build, whose run names the reason, e.g. "… (patch set only: organization-bound keys …)".
 * `otherwise`: the gate where the capability is there (e.g. expect.ts's patchOnly, for the plugin).
 */
export function needs(capability: PatchSetOnly, otherwise?: Gate): Gate {
	if (otherwise && has(capability)) return otherwise;
	return gate(!has(capability), `patch set only: ${PATCH_SET_ONLY[capability]}`);
}

/**
 * A test's name where the pull requests answer otherwise on purpose, in upstream's style, and the test
 * asserts their answer: the run names why, e.g. "… (the pull requests: a code of their own, INVALID_MEMBER_FIELD)".
 */
export const theirAnswer = (name: string, why: string) => (prBuild ? `${name} (the pull requests: ${why})` : name);

/**
 * The part of a refusal's message that tells an API-key caller what to pass. The patch set's messages
 * say it to API-key callers ("… must pass organizationId"); pull request 01 changes upstream's static
 * messages for every caller, in upstream's sentence style: "No active organization. Pass organizationId,
 * which a request authenticated with an API key must always do", "… Pass teamId instead".
 */
export const tellsToPass = (field: string) => expect.stringContaining(prBuild ? `Pass ${field}` : `pass ${field}`);

import { expect } from "vitest";
import { getCurrentTest } from "vitest/suite";
import { compareVersions } from "../../packages/patch-builder/src/releases";
import { PR_BUILD } from "../../scripts/targets.mjs";
import { prBuild } from "./capabilities";
import { gate } from "./gate";
import { version } from "./target";

/** True when this project runs against the published packages as they are. */
export const unpatched = process.env.UNPATCHED === "1";

/** True when this project runs the published packages with the apiKeyOrganizations plugin instead of the patch. */
export const plugin = process.env.PLUGIN === "1";

/** This project's name, as vitest.config.ts gives it: what the figures a test prints were measured on. */
export const projectName = prBuild ? `better-auth@${PR_BUILD.name}` : `better-auth@${version}${plugin ? " unpatched+plugin" : unpatched ? " unpatched" : ""}`;

/**
 * `test`, `test.each` and `describe` for behaviour only the patch gives (on this
 * release, when `onThisRelease` says so): skipped on the plugin (PLUGIN=1), whose
 * run names the reason, e.g. "… (patch only: inside the endpoint, which no hook reaches)".
 */
export function patchOnly(reason: string, onThisRelease = true) {
	return gate(plugin && onThisRelease, `patch only: ${reason}`);
}

/** Why the plugin cannot give a behaviour: a fix inside an endpoint's handler, after every hook has run. */
export const INSIDE_THE_ENDPOINT = "inside the endpoint, which no hook reaches";
/** Why the plugin cannot give a behaviour: the plugin leaves cookie sessions as upstream has them. */
export const FOR_EVERY_CALLER = "a fix for every caller, and the plugin leaves cookie sessions untouched";

/** Why the plugin cannot give a behaviour: the api-key plugin's own hook answers /get-session, and no later hook runs. */
export const GET_SESSION_ANSWERED_BY_THE_API_KEY_HOOK = "the api-key plugin's hook answers /get-session itself, before any later plugin's hook runs";
/** Why the plugin cannot give a behaviour: listApiKeys reads, filters, counts and pages the keys inside the endpoint. */
export const KEY_LIST_INSIDE_THE_ENDPOINT = "listApiKeys reads, counts and pages its keys inside the endpoint; the plugin refuses the list to a bound key instead";

/** Why the plugin cannot give a behaviour: permissions cap a key's role inside the organization plugin's permission checks. */
export const KEY_PERMISSIONS_CAP = "a key's permissions cap its role inside the organization plugin's own hasPermission, which no hook reaches; the plugin binds no key with permissions";

/** True from release `first` on: for behaviour upstream added in a patch release. */
export const since = (first: string) => compareVersions(version, first) >= 0;

/** The release line: upstream behaviour differs between 1.4.x and 1.5+; 1.3.x (published only) answers as 1.4.x does. */
export const isRelease14 = !since("1.5.0");

/**
 * Up to 1.3.13, auth.handler and auth.api with asResponse answer a request a before hook ends with the hook's
 * object, not a Response: the api-key plugin ends an API key's getSession with the mock session. A Response since 1.3.14.
 */
export const hookEndsAnswerNoResponse = !since("1.3.14");

/**
 * 1.3.7 alone: the api-key plugin's hook gives a key a session on getSession only (it moved the session into
 * the /get-session branch), so every other endpoint answers a key 401 with no body; 1.3.8 put it back.
 */
export const keySessionOnGetSessionOnly = version === "1.3.7";

/** Up to 1.6.2, upstream's hasPermission body schema rejects every body on zod 4.4 and later (400 VALIDATION_ERROR). */
export const rejectsEveryPermissionBody = !since("1.6.3");

/**
 * Asserts the fixed behaviour. Against the unpatched packages, asserts instead
 * the failure upstream shows (where `upstream` is given: the bug exists on this
 * release) and that the fixed assertion fails there, so the suite is shown to bite.
 * Each such check is a bite, counted on the test (scripts/per-release-reporter.ts);
 * without `upstream` the fixed assertion runs against upstream too and proves no difference.
 */
export function expectFixed<T>(actual: T, expectations: { fixed: (actual: T) => void; upstream?: (actual: T) => void }) {
	if (!unpatched || !expectations.upstream) {
		expectations.fixed(actual);
		return;
	}
	expectations.upstream(actual);
	expect(() => expectations.fixed(actual), "the fixed behaviour must not hold upstream").toThrow();
	const test = getCurrentTest();
	if (test) test.meta.bites = (test.meta.bites ?? 0) + 1;
}
/** Why the plugin cannot give a behaviour on 1.4.x-1.6.2: the endpoint's body schema, which validates after every hook. */
export const PERMISSION_BODY_SCHEMA = "this release's hasPermission body schema rejects every body on zod 4.4+, and validates after every hook";

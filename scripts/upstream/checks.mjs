// The checks of one target (a pull request alone, or all of them in order) on
// the verification checkout: the series applies on base, the tests it touches
// fail on base and pass with it, upstream's organization and api-key suites
// pass, biome is clean on the touched files, both packages type-check.
import { applySeries, applyWorkaround, bin, CHECKOUT, git, resetToBase } from "./checkout.mjs";
import { run } from "./run.mjs";
import { vitest } from "./vitest.mjs";

const ORGANIZATION_SUITE = "packages/better-auth/src/plugins/organization";
const API_KEY_SUITE = "packages/api-key";
// The only type error the local install workaround causes (it drops @tanstack/solid-start).
const WORKAROUND_TYPE_ERROR =
	/src\/integrations\/tanstack-start-solid\.ts.*error TS2307: Cannot find module '@tanstack\/solid-start\/server'/;

/**
 * Each check of the target: `{ ok, text }` per column, or null when not run.
 * Without `target.suites`, the suites and types are left to another target
 * (all pull requests in order) and only the series' own tests run.
 */
export function checkTarget(target, env, resetDatabase) {
	const log = (step) => `${target.slug}-${step}`;
	const row = { applies: null, failsOnMain: null, passesWithPr: null, organization: null, apiKey: null, biome: null, types: null };
	resetToBase();
	const applied = applySeries(target.patches, env, log("am"));
	row.applies = { ok: applied, text: applied ? `${target.patches.length} patches` : "does not apply" };
	if (!applied) return row;
	const head = git(["rev-parse", "HEAD"]).output.trim();
	const touched = git(["diff", "--name-only", "--diff-filter=AM", "base", head]).output.split("\n").filter(Boolean);
	const tests = touched.filter((file) => /\.test\.tsx?$/.test(file));

	// The series' tests on base: each file must have a failing test.
	resetToBase();
	if (tests.length) {
		git(["checkout", head, "--", ...tests]);
		applyWorkaround();
		resetDatabase();
		const onMain = vitest(tests, env, log("on-main"));
		const failing = tests.filter((file) => onMain.files[file]?.failed > 0);
		row.failsOnMain = { ok: failing.length === tests.length, text: `${onMain.failed} failed in ${failing.length}/${tests.length} files` };
	} else {
		row.failsOnMain = { ok: false, text: "no tests" };
	}

	resetToBase();
	git(["checkout", "-q", "--detach", head]);
	applyWorkaround();
	resetDatabase();
	let files;
	if (target.suites) {
		const organization = vitest([ORGANIZATION_SUITE], env, log("organization"));
		const apiKey = vitest([API_KEY_SUITE], env, log("api-key"));
		const elsewhere = tests.filter((file) => !file.startsWith(ORGANIZATION_SUITE) && !file.startsWith(API_KEY_SUITE));
		const other = elsewhere.length ? vitest(elsewhere, env, log("other-tests")).files : {};
		files = { ...organization.files, ...apiKey.files, ...other };
		row.organization = suiteCell(organization);
		row.apiKey = suiteCell(apiKey);
	} else {
		files = vitest(tests, env, log("with-it")).files;
	}
	const counts = tests.map((file) => files[file] ?? { passed: 0, failed: 1 });
	const passed = counts.reduce((sum, c) => sum + c.passed, 0);
	const failed = counts.reduce((sum, c) => sum + c.failed, 0);
	row.passesWithPr = { ok: tests.length > 0 && failed === 0 && passed > 0, text: `${passed} passed, ${failed} failed` };

	const biome = run(bin("biome"), ["check", "--error-on-warnings", "--no-errors-on-unmatched", ...touched], {
		cwd: CHECKOUT,
		env,
		log: log("biome"),
		allowFailure: true,
	});
	row.biome = { ok: biome.status === 0, text: biome.status === 0 ? "clean" : "errors" };
	if (target.suites) {
		const types = typecheck(env, log("types"));
		row.types = { ok: types, text: types ? "clean" : "errors" };
	}
	return row;
}

function suiteCell({ passed, failed }) {
	return { ok: failed === 0 && passed > 0, text: `${passed} passed, ${failed} failed` };
}

/**
 * Both packages' `tsc`, as a build of their project references (their
 * `typecheck` scripts need the referenced projects' declarations), with the
 * workaround's one known error filtered out. Incremental: the build info
 * stays in each package's node_modules/.cache/ts.
 */
function typecheck(env, log) {
	const projects = ["packages/better-auth/tsconfig.json", "packages/api-key/tsconfig.json"];
	const { status, output } = run(bin("tsc"), ["--build", ...projects], { cwd: CHECKOUT, env, log, allowFailure: true });
	const errors = output.split("\n").filter((line) => /error TS\d+/.test(line));
	const unexpected = errors.filter((line) => !WORKAROUND_TYPE_ERROR.test(line));
	return unexpected.length === 0 && (status === 0 || errors.length > 0);
}

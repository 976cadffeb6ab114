// Upstream's vitest, run in the verification checkout, read through its JSON
// reporter. The api-key suite runs from source (DEV_SOURCE_CONFIG); the
// better-auth package's tests import the organization plugin's source anyway.
import fs from "node:fs";
import path from "node:path";
import { bin, CHECKOUT, DEV_SOURCE_CONFIG } from "./checkout.mjs";
import { CACHE, run } from "./run.mjs";

const API_KEY_PACKAGE = "packages/api-key/";
const inApiKeyPackage = (p) => `${p}/`.startsWith(API_KEY_PACKAGE);

/**
 * Runs the given test files or folders (paths relative to the checkout) and
 * returns `{ passed, failed, files }`, where `files` maps each test file to its
 * own counts. A file that fails to load counts as one failure.
 */
export function vitest(paths, env, log) {
	const apiKey = paths.filter(inApiKeyPackage);
	const rest = paths.filter((p) => !inApiKeyPackage(p));
	const results = [];
	if (apiKey.length) {
		// Filters relative to the package; the package itself means no filter.
		const relative = apiKey.map((p) => path.relative(API_KEY_PACKAGE, p)).filter(Boolean);
		results.push(runVitest(["--config", DEV_SOURCE_CONFIG, ...relative], env, `${log}-api-key`));
	}
	if (rest.length) results.push(runVitest(rest, env, log));
	const files = Object.assign({}, ...results.map((r) => r.files));
	const total = (key) => Object.values(files).reduce((sum, counts) => sum + counts[key], 0);
	return { passed: total("passed"), failed: total("failed"), files };
}

function runVitest(args, env, log) {
	const report = path.join(CACHE, "logs", `${log}.json`);
	fs.rmSync(report, { force: true });
	run(bin("vitest"), ["run", "--reporter=json", `--outputFile=${report}`, ...args], {
		cwd: CHECKOUT,
		env,
		log,
		allowFailure: true,
	});
	if (!fs.existsSync(report)) return { files: { [args.join(" ")]: { passed: 0, failed: 1 } } };
	const { testResults } = JSON.parse(fs.readFileSync(report, "utf8"));
	const files = {};
	for (const file of testResults) {
		const count = (status) => file.assertionResults.filter((test) => test.status === status).length;
		const failed = count("failed") || (file.status === "failed" ? 1 : 0);
		files[path.relative(CHECKOUT, file.name)] = { passed: count("passed"), failed };
	}
	return { files };
}

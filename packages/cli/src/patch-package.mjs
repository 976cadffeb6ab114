import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { patchPackageName } from "./patches.mjs";

/** The release the CLI adds: patch-package 8 reads the patch files the builder writes. */
export const PATCH_PACKAGE = ["patch-package", "8.0.1"];

/** The packages the patch set patches: their patch-package files are the CLI's to add and remove. */
const OURS = /^(better-auth|@better-auth\+api-key)\+\d[^+]*\.patch$/;

/** What npm needs to install an api-key release that pins peers tighter than its better-auth moved (1.7.5 with 1.7.25). */
const LEGACY_PEER_DEPS = "legacy-peer-deps=true";

/**
 * npm's own answer, from a dry run of the install apply makes (the pinned pair
 * and patch-package) with peer checks on: the ERESOLVE that names the conflict
 * when npm refuses the pair, undefined when it accepts it (1.7.29 with 1.7.29).
 */
function peerConflict(appDir, plan) {
	const specs = [...plan.map((patch) => patch.id), PATCH_PACKAGE.join("@")];
	const flags = ["--dry-run", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--legacy-peer-deps=false"];
	const dryRun = spawnSync("npm", ["install", ...flags, ...specs], { cwd: appDir, encoding: "utf8" });
	if (dryRun.status === 0 || !dryRun.stderr.includes("ERESOLVE")) return undefined;
	// npm names the conflict on the line after this one: `peer @better-auth/utils@"0.4.2" from @better-auth/api-key@1.7.5`.
	return /^npm error Could not resolve dependency:\nnpm error (.+)$/m.exec(dryRun.stderr)?.[1] ?? "see `npm install --dry-run`";
}

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** JSON written back in the indentation the file had, so a diff shows only what changed. */
function jsonLike(original, value) {
	const indent = /^[{[]\n([ \t]+)/.exec(original)?.[1] ?? "  ";
	return `${JSON.stringify(value, null, indent)}\n`;
}

/** The files of the app's patches/ whose names match: the CLI's own, of any release. */
export function patchFilesMatching(appDir, pattern) {
	const dir = path.join(appDir, "patches");
	return fs.existsSync(dir) ? fs.readdirSync(dir).filter((name) => pattern.test(name)).map((name) => path.join(dir, name)) : [];
}

const ownPatchFiles = (appDir) => patchFilesMatching(appDir, OURS);

function withPostinstall(script) {
	if (!script) return "patch-package";
	return script.includes("patch-package") ? script : `${script} && patch-package`;
}

function withoutPostinstall(script) {
	if (script === "patch-package") return undefined;
	return script?.replace(/ && patch-package$/, "");
}

/** Whether npm installs the app under legacy-peer-deps: its .npmrc, as apply leaves it, says so. */
function legacyPeerDeps(appDir, writes) {
	const npmrcFile = path.join(appDir, ".npmrc");
	const npmrc = writes.get(npmrcFile) ?? (fs.existsSync(npmrcFile) ? fs.readFileSync(npmrcFile, "utf8") : "");
	return npmrc.split("\n").includes(LEGACY_PEER_DEPS);
}

/** Peers the installed @better-auth/core imports that the app must list itself: npm under legacy-peer-deps and yarn 1 install none. */
function peersToList(appDir, manifest) {
	const listed = { ...manifest.dependencies, ...manifest.devDependencies };
	const core = path.join(appDir, "node_modules/@better-auth/core/package.json");
	const peers = fs.existsSync(core) ? (readJson(core).peerDependencies ?? {}) : {};
	return "@opentelemetry/api" in peers && !listed["@opentelemetry/api"] ? { "@opentelemetry/api": peers["@opentelemetry/api"] } : {};
}

/**
 * The files `apply` writes in an npm or yarn 1 app, and what it says about each:
 * the patch-package files (named for the installed releases, stale ones of other
 * releases removed), package.json with exact versions of the patched packages
 * (a range would let the next install move off the patched release), patch-package
 * and its postinstall, and for npm with the api-key pair the .npmrc line it needs.
 */
export function patchPackageChanges(appDir, manager, plan) {
	const manifestFile = path.join(appDir, "package.json");
	const original = fs.readFileSync(manifestFile, "utf8");
	const manifest = JSON.parse(original);
	const writes = new Map();
	const notes = [];
	const wanted = plan.map((patch) => path.join(appDir, "patches", patchPackageName(patch.id)));
	for (const stale of ownPatchFiles(appDir).filter((file) => !wanted.includes(file))) {
		writes.set(stale, undefined);
		notes.push(`removed patches/${path.basename(stale)} (another release's)`);
	}
	plan.forEach((patch, i) => {
		writes.set(wanted[i], patch.patchPackageText);
		notes.push(`added patches/${path.basename(wanted[i])}`);
	});
	for (const { name, version } of plan) {
		const field = manifest.devDependencies?.[name] !== undefined ? "devDependencies" : "dependencies";
		if (manifest[field]?.[name] === version) continue;
		manifest[field] = { ...manifest[field], [name]: version };
		notes.push(`package.json: ${name} pinned to ${version}`);
	}
	const [tool, toolVersion] = PATCH_PACKAGE;
	if (!manifest.dependencies?.[tool] && !manifest.devDependencies?.[tool]) {
		manifest.devDependencies = { ...manifest.devDependencies, [tool]: toolVersion };
		notes.push(`package.json: devDependency ${tool}@${toolVersion}`);
	}
	const postinstall = withPostinstall(manifest.scripts?.postinstall);
	if (postinstall !== manifest.scripts?.postinstall) {
		manifest.scripts = { ...manifest.scripts, postinstall };
		notes.push(`package.json: "postinstall": "${postinstall}"`);
	}
	const conflict = manager === "npm" && plan.length > 1 && !legacyPeerDeps(appDir, writes) ? peerConflict(appDir, plan) : undefined;
	if (conflict) {
		const npmrcFile = path.join(appDir, ".npmrc");
		const npmrc = fs.existsSync(npmrcFile) ? fs.readFileSync(npmrcFile, "utf8") : "";
		writes.set(npmrcFile, `${npmrc}${npmrc && !npmrc.endsWith("\n") ? "\n" : ""}${LEGACY_PEER_DEPS}\n`);
		notes.push(`.npmrc: ${LEGACY_PEER_DEPS} (npm refuses ${plan.map((p) => p.id).join(" with ")} without it, ERESOLVE: ${conflict})`);
	}
	if (plan.length > 1 && (manager === "yarn" || legacyPeerDeps(appDir, writes))) {
		for (const [peer, range] of Object.entries(peersToList(appDir, manifest))) {
			manifest.dependencies = { ...manifest.dependencies, [peer]: range };
			notes.push(`package.json: ${peer}@${range} (a peer of @better-auth/core that ${manager === "npm" ? `npm no longer installs under ${LEGACY_PEER_DEPS}` : "yarn 1 never installs"})`);
		}
	}
	writes.set(manifestFile, jsonLike(original, manifest));
	return { writes, notes };
}

/**
 * What `remove` writes in an npm or yarn app: the patch-package files gone, and
 * patch-package with its postinstall when no other patch is left. Exact versions
 * and .npmrc stay: they are the app's now, and harmless.
 */
export function patchPackageRemoval(appDir) {
	const manifestFile = path.join(appDir, "package.json");
	const original = fs.readFileSync(manifestFile, "utf8");
	const manifest = JSON.parse(original);
	const writes = new Map(ownPatchFiles(appDir).map((file) => [file, undefined]));
	const notes = [...writes.keys()].map((file) => `removed patches/${path.basename(file)}`);
	const others = fs.existsSync(path.join(appDir, "patches")) ? fs.readdirSync(path.join(appDir, "patches")).length - writes.size : 0;
	if (others === 0 && manifest.scripts?.postinstall?.includes("patch-package")) {
		const postinstall = withoutPostinstall(manifest.scripts.postinstall);
		manifest.scripts = { ...manifest.scripts, postinstall };
		if (postinstall === undefined) delete manifest.scripts.postinstall;
		if (manifest.devDependencies?.[PATCH_PACKAGE[0]]) delete manifest.devDependencies[PATCH_PACKAGE[0]];
		notes.push("package.json: patch-package and its postinstall removed (no other patch is left)");
		writes.set(manifestFile, jsonLike(original, manifest));
	}
	return { writes, notes };
}

import type { Import, Replace } from "../edits";

/** The api-key plugin marks the session it mocks (in better-auth up to 1.4.x, @better-auth/api-key from 1.5). */
export function apiKeyPluginEdits(file: string) {
	const imports: Import[] = [{ file, names: ["markApiKeySession"], from: "api-key-plugin" }];
	const replaces: Replace[] = [
		{
			file,
			find: /(ctx\.context\.session = )session;(\n\t+if \(ctx\.path === "\/get-session"\) return session;)/,
			replace: "$1markApiKeySession(session);$2",
		},
	];
	return { imports, replaces };
}

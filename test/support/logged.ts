import { format } from "node:util";

const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z\s*/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape of terminal colours
const COLOUR = /\x1b\[[0-9;]*m/g;

/**
 * Runs `call` with console.error and console.warn collected instead of printed:
 * better-auth's logger writes refusals there (dynamic access control logs "The
 * user is not a member of the organization"), which a test asserts rather than
 * shows. The lines come without timestamps or colours.
 */
export async function withLogCollected<T>(call: () => Promise<T>): Promise<{ result: T; logged: string[] }> {
	const logged: string[] = [];
	const { error, warn } = console;
	const collect = (...args: unknown[]) => {
		logged.push(format(...args).replace(COLOUR, "").replace(TIMESTAMP, ""));
	};
	console.error = collect;
	console.warn = collect;
	try {
		return { result: await call(), logged };
	} finally {
		console.error = error;
		console.warn = warn;
	}
}

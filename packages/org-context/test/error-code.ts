/** The code of the APIError a synchronous check throws, or null when it lets the call through. */
export function codeOf(call: () => void): string | null | undefined {
	try {
		call();
		return null;
	} catch (error) {
		return (error as { body?: { code?: string } }).body?.code;
	}
}

// `test`, `test.each` and `describe` that skip where a condition holds, the reason
// appended to the name: how the suite gates a test by variant or implementation.
import { describe, test } from "vitest";

export interface Gate {
	test: (name: string, fn: () => unknown) => void;
	each: <T extends readonly unknown[]>(cases: readonly T[]) => (name: string, fn: (...args: T) => unknown) => void;
	describe: (name: string, fn: () => void) => void;
}

/** Skipped when `skip`, named "… (`note`)" then. */
export function gate(skip: boolean, note: string): Gate {
	const named = (name: string) => (skip ? `${name} (${note})` : name);
	return {
		test: (name, fn) => test.skipIf(skip)(named(name), fn),
		each:
			<T extends readonly unknown[]>(cases: readonly T[]) =>
			(name: string, fn: (...args: T) => unknown) =>
				test.skipIf(skip).each(cases)(named(name), fn),
		describe: (name, fn) => describe.skipIf(skip)(named(name), fn),
	};
}

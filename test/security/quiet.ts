import { afterAll, beforeAll, vi } from "vitest";

/**
 * better-auth logs many refusals at ERROR or WARN level (e.g. "The user is not a
 * member of the organization"); over thousands of refused calls they would bury
 * the figures the suite prints. The suite judges every answer itself.
 */
export function quietBetterAuthLogger() {
	beforeAll(() => {
		vi.spyOn(console, "error").mockImplementation(() => {});
		vi.spyOn(console, "warn").mockImplementation(() => {});
	});
	afterAll(() => {
		vi.restoreAllMocks();
	});
}

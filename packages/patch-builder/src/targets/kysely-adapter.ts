import type { PackageFiles } from "../layout";

/** In the Kysely adapter of 1.4.0–1.4.5 only: its updateMany and deleteMany answer Kysely's result list's length. */
const RESULT_LIST_LENGTH = "return (await query.execute()).length;";

/**
 * Backport of 1.4.6, on MySQL only: the Kysely adapter's updateMany answers how
 * many rows it updated. Up to 1.4.5 it answers the length of Kysely's result
 * list, 1 for any UPDATE, so on MySQL, where the patch's guarded writes count
 * the rows they updated (no RETURNING), a lost race would pass for a won one.
 * Other dialects keep the old answer: node:sqlite and bun:sqlite report no
 * count, so the real one would be 0 for every update there (2FA backup codes
 * check it).
 */
export function updateManyCountEdits(files: PackageFiles) {
	return {
		imports: [],
		replaces: [
			{
				file: files.locate("kyselyAdapter", RESULT_LIST_LENGTH),
				within: /async updateMany\(\{ model, where, update: values \}\) \{[\s\S]*?\n\t+\},/,
				find: RESULT_LIST_LENGTH,
				replace: 'return config?.type === "mysql" ? Number((await query.executeTakeFirst()).numUpdatedRows) : (await query.execute()).length;',
			},
		],
	};
}

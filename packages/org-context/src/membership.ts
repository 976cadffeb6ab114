/** The slice of better-auth's context both plugins read the database through. */
export interface AdapterContext {
	context: {
		adapter: {
			findOne<T>(query: { model: string; where: { field: string; value: string }[] }): Promise<T | null>;
		};
	};
}

/**
 * One indexed read: the member row of this user in this organization, if any.
 * The statement upstream's member lookup runs, without its join of the user.
 */
export function findMembership(ctx: AdapterContext, userId: string, organizationId: string) {
	return ctx.context.adapter.findOne<{ id: string; role: string }>({
		model: "member",
		where: [
			{ field: "userId", value: userId },
			{ field: "organizationId", value: organizationId },
		],
	});
}

export function findOrganizationIdBySlug(ctx: AdapterContext, slug: string) {
	return ctx.context.adapter
		.findOne<{ id: string }>({ model: "organization", where: [{ field: "slug", value: slug }] })
		.then((organization) => organization?.id ?? null);
}

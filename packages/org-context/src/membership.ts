import { boundMemberRead, boundOrganizationOf } from "./api-key-session";

/** The slice of better-auth's context both plugins read the database through. */
export interface AdapterContext {
	context: {
		session?: unknown;
		adapter: {
			findOne<T>(query: { model: string; where: { field: string; value: string }[] }): Promise<T | null>;
		};
	};
}

/**
 * One indexed read: the member row of this user in this organization, if any.
 * The statement upstream's member lookup runs, without its join of the user.
 * A bound key's request reuses the row its api-key hook read for the binding.
 */
export async function findMembership(ctx: AdapterContext, userId: string, organizationId: string) {
	const read = boundMemberRead(ctx.context.session, userId, organizationId);
	if (read !== undefined) return read;
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

interface OrganizationAdapter<M> {
	findOrganizationBySlug(slug: string): Promise<{ id: string } | null>;
	checkMembership(query: { userId: string; organizationId: string }): Promise<M | null>;
}

/**
 * What an endpoint's own slug lookup found, as far as the request may act on it.
 * A bound key's hook checked that the slug named the key's organization; should a
 * concurrent rename have given the slug to another organization since, the slug
 * names nothing here, so the request cannot reach that one.
 */
export function organizationOfSlugWithinBinding<O extends { id: string }>(session: unknown, found: O | null): O | null {
	const bound = boundOrganizationOf(session);
	return found && (bound === null || found.id === bound) ? found : null;
}

/**
 * getFullOrganization: the caller's member row in the organization the request
 * names, read before the organization is loaded, so that a non-member costs two
 * small reads whether the organization is someone else's or missing (a slug that
 * names nothing still gets its membership read), and learns nothing from the time.
 * The endpoint then loads the organization of this row, by id: a second slug
 * lookup could name another organization by then.
 */
export async function membershipOfNamedOrganization<M>(
	adapter: OrganizationAdapter<M>,
	session: { user: { id: string } },
	organizationIdOrSlug: string,
	isSlug: boolean,
) {
	const organizationId = isSlug
		? (organizationOfSlugWithinBinding(session, await adapter.findOrganizationBySlug(organizationIdOrSlug))?.id ?? organizationIdOrSlug)
		: organizationIdOrSlug;
	return adapter.checkMembership({ userId: session.user.id, organizationId });
}

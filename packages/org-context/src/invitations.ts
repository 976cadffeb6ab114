import { APIError } from "better-auth/api";
import { type GuardedAdapter, guardedUpdate } from "./compare-and-set";
import type { AdapterContext } from "./membership";

// Backports: 1.6.16+ checks invited teams itself; acceptInvitation claims the invitation atomically on every release.

const invitationNotFound = () => new APIError("BAD_REQUEST", { code: "INVITATION_NOT_FOUND", message: "Invitation not found" });

interface TeamAdapter {
	findTeamById(query: { teamId: string; organizationId: string }): Promise<unknown>;
}

/**
 * createInvitation: every invited team must belong to the invitation's
 * organization, else accepting it would put the invitee in another
 * organization's team.
 */
export async function requireTeamsOfOrganization(adapter: TeamAdapter, teamId: string | string[], organizationId: string) {
	for (const id of typeof teamId === "string" ? [teamId] : teamId) {
		if (!(await adapter.findTeamById({ teamId: id, organizationId }))) {
			throw new APIError("BAD_REQUEST", { code: "TEAM_NOT_FOUND", message: "Team not found" });
		}
	}
}

interface InvitationAdapterContext extends AdapterContext {
	context: AdapterContext["context"] & { adapter: AdapterContext["context"]["adapter"] & GuardedAdapter };
}

/**
 * acceptInvitation: marks the invitation accepted only if it is still pending, in
 * one guarded write (guardedUpdate), so of concurrent acceptances exactly one goes
 * on to create the member; the others are refused as upstream refuses an accepted
 * invitation.
 */
export async function claimPendingInvitation<T>(ctx: InvitationAdapterContext, invitationId: string): Promise<T> {
	const query = {
		model: "invitation",
		where: [
			{ field: "id", value: invitationId },
			{ field: "status", value: "pending" },
		],
		update: { status: "accepted" },
	};
	const claimed = await guardedUpdate<T>(ctx.context.adapter, query);
	if (!claimed) throw invitationNotFound();
	return claimed;
}

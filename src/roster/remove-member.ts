import { and, eq, isNull } from "drizzle-orm";
import { isCoordinator, supervisesTown } from "../access/access.js";
import { requireTeamAction } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { teamLabel } from "../org/team-scope.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { memberships, people, roleGrants } from "../storage/schema/index.js";
import { endMembership } from "./end-membership.js";

/** A lead takes someone off the team. Removing a leader takes a supervisor or coordinator. */
export async function removeMember(ctx: DomainContext, membershipId: number): Promise<void> {
  const [membership] = await ctx.db.select().from(memberships).where(eq(memberships.id, membershipId));
  if (!membership) throw new NotFoundError("membership.not_found");
  const { access, scope } = await requireTeamAction(ctx, "remove_member", membership.teamId);
  const [leaderGrant] = await ctx.db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.personId, membership.personId), eq(roleGrants.teamId, membership.teamId), eq(roleGrants.role, "leader"), isNull(roleGrants.revokedAt)));
  if (leaderGrant && ctx.actor.type === "person" && !isCoordinator(access) && !supervisesTown(access, scope.townId)) {
    throw new ForbiddenError("team.remove_leader");
  }
  if (ctx.actor.type === "person" && ctx.actor.personId === membership.personId) {
    // Leaving is its own act (/leave), with its own notice to the leads.
    throw new ForbiddenError("team.remove_self");
  }
  await ctx.db.transaction(async (tx) => {
    await endMembership(tx, ctx, membership, "removed");
    const [person] = await tx.select(recipientColumns).from(people).where(eq(people.id, membership.personId));
    const to = person ? toRecipient(person) : null;
    if (to) {
      await enqueueMessages(tx, ctx.now, [
        { to, payload: { kind: "message", text: { key: "notice-removed", args: { team: teamLabel(scope) } } }, dedupeKey: `removed:${membershipId}:${ctx.now.getTime()}` },
      ]);
    }
  });
}

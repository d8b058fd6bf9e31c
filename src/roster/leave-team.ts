import { and, eq, inArray } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { getTeamScope, teamLabel } from "../org/team-scope.js";
import { memberships, people } from "../storage/schema/index.js";
import { endMembership } from "./end-membership.js";
import { notifyTeamLeads } from "./notify-team-leads.js";

/** The volunteer leaves a team of their own accord; the team's leads are told. */
export async function leaveTeam(ctx: DomainContext, teamId: number): Promise<void> {
  if (ctx.actor.type !== "person") throw new ValidationError("leave.person_only");
  const personId = ctx.actor.personId;
  const [membership] = await ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.teamId, teamId), inArray(memberships.status, ["pending", "active"])));
  if (!membership) throw new NotFoundError("leave.not_member");
  const scope = await getTeamScope(ctx.db, teamId);
  await ctx.db.transaction(async (tx) => {
    await endMembership(tx, ctx, membership, "left");
    const [person] = await tx.select({ name: people.name }).from(people).where(eq(people.id, personId));
    await notifyTeamLeads(tx, ctx.now, teamId, { key: "notice-member-left", args: { name: person?.name ?? "-", team: teamLabel(scope) } }, `left:${membership.id}:${ctx.now.getTime()}`);
  });
}

import { and, eq } from "drizzle-orm";
import { grantRole } from "../access/grant-role.js";
import { requireTeamAction } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { teamLabel } from "../org/team-scope.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { memberships, people } from "../storage/schema/index.js";

/** Makes an active member a deputy (leader's call) or a leader (supervisor's or coordinator's). */
export async function appointTeamRole(ctx: DomainContext, input: { membershipId: number; role: "deputy" | "leader" }): Promise<boolean> {
  const [membership] = await ctx.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.id, input.membershipId)));
  if (!membership) throw new NotFoundError("membership.not_found");
  if (membership.status !== "active") throw new ValidationError("team.appoint_inactive");
  const { scope } = await requireTeamAction(ctx, input.role === "deputy" ? "appoint_deputy" : "appoint_leader", membership.teamId);
  const granted = await grantRole(ctx, { personId: membership.personId, role: input.role, teamId: membership.teamId });
  if (granted) {
    const [person] = await ctx.db.select(recipientColumns).from(people).where(eq(people.id, membership.personId));
    const to = person ? toRecipient(person) : null;
    if (to) {
      await enqueueMessages(ctx.db, ctx.now, [
        {
          to,
          payload: { kind: "message", text: { key: `notice-appointed-${input.role}`, args: { team: teamLabel(scope) } } },
          dedupeKey: `appointed:${membership.id}:${input.role}:${ctx.now.getTime()}`,
        },
      ]);
    }
  }
  return granted;
}

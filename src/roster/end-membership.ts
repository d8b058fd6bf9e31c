import { and, eq, inArray, isNull } from "drizzle-orm";
import { refreshCommandMenu } from "../access/command-menu.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError } from "../domain/errors.js";
import { leavePlannedShifts } from "../shifts/leave-planned-shifts.js";
import type { Db } from "../storage/db.js";
import { memberships, roleGrants } from "../storage/schema/index.js";

/**
 * Ends a live membership (removed by a lead, or left by the volunteer) together with the team
 * roles it carried and the team's shifts not yet begun, in the caller's transaction. Throws
 * Conflict if it had already ended.
 */
export async function endMembership(
  tx: Db,
  ctx: DomainContext,
  membership: { id: number; personId: number; teamId: number },
  status: "removed" | "left",
): Promise<void> {
  const [ended] = await tx
    .update(memberships)
    .set({ status, updatedAt: ctx.now })
    .where(and(eq(memberships.id, membership.id), inArray(memberships.status, ["pending", "active"])))
    .returning({ id: memberships.id });
  if (!ended) throw new ConflictError("membership.already_ended");
  await tx
    .update(roleGrants)
    .set({ revokedAt: ctx.now, revokedBy: ctx.actor.type === "person" ? ctx.actor.personId : null })
    .where(and(eq(roleGrants.personId, membership.personId), eq(roleGrants.teamId, membership.teamId), isNull(roleGrants.revokedAt)));
  await leavePlannedShifts(tx, ctx.now, membership.personId, [membership.teamId]);
  await recordAudit(tx, ctx.actor, ctx.now, {
    action: `membership.${status}`,
    subjectType: "membership",
    subjectId: membership.id,
    before: { status: "live" },
    after: { status },
  });
  await refreshCommandMenu(tx, membership.personId, ctx.now);
}

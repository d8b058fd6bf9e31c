import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { assignments, shifts } from "../storage/schema/index.js";
import { selectShiftFacts } from "./shift-facts.js";

/** The actor's own shifts that have not ended yet, soonest first, up to `days` ahead. */
export async function upcomingShifts(ctx: DomainContext, days = 14) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const until = new Date(ctx.now.getTime() + days * 86_400_000);
  return selectShiftFacts(ctx.db, { assignmentId: assignments.id, reply: assignments.reply, checkedInAt: assignments.checkedInAt })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .where(and(eq(assignments.personId, ctx.actor.personId), isNull(assignments.endedAt), isNull(shifts.cancelledAt), gt(shifts.endsAt, ctx.now), lte(shifts.startsAt, until)))
    .orderBy(asc(shifts.startsAt));
}

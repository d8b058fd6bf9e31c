import { and, asc, eq, exists, gt, inArray, isNull, lte, notExists, or } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { assignments, openSlots, outbox, reminders, shifts, slotOffers } from "../storage/schema/index.js";
import { selectShiftFacts } from "./shift-facts.js";

/**
 * What a volunteer has been asked and not yet answered: the basis for reading an answer typed
 * without replying to the message it answers. Only questions actually sent count, never a shift
 * the volunteer has not been asked about yet.
 */

/**
 * The actor's "are you coming?" reminders that went out and still wait for an answer (the shift
 * not over, the volunteer still on it): one per assignment, soonest shift first.
 */
export async function openQuestions(ctx: DomainContext) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  // A reminder is queued up to a minute ahead of its time; until then it has not been asked.
  const asked = ctx.db
    .select({ id: reminders.id })
    .from(reminders)
    .innerJoin(outbox, eq(outbox.id, reminders.outboxId))
    .where(and(eq(reminders.assignmentId, assignments.id), eq(reminders.status, "sent"), inArray(reminders.kind, ["ask", "nudge"]), lte(outbox.notBefore, ctx.now)));
  return selectShiftFacts(ctx.db, { assignmentId: assignments.id })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .where(
      and(
        eq(assignments.personId, ctx.actor.personId),
        isNull(assignments.endedAt),
        isNull(assignments.reply),
        isNull(shifts.cancelledAt),
        gt(shifts.endsAt, ctx.now),
        exists(asked),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(assignments.id));
}
export type OpenQuestion = Awaited<ReturnType<typeof openQuestions>>[number];

/**
 * The places offered to the actor that are still open and not yet begun, one per shift (any of
 * the places a raised level opened will do), soonest first.
 */
export async function openOffers(ctx: DomainContext) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("slot.person_only");
  const personId = ctx.actor.personId;
  const busyThatNight = ctx.db
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.personId, personId), eq(assignments.night, shifts.night), isNull(assignments.endedAt)));
  const rows = await selectShiftFacts(ctx.db, { slotId: openSlots.id })
    .innerJoin(openSlots, eq(openSlots.shiftId, shifts.id))
    .innerJoin(slotOffers, and(eq(slotOffers.slotId, openSlots.id), eq(slotOffers.personId, personId)))
    .where(
      and(
        isNull(openSlots.filledAt),
        isNull(openSlots.closedAt),
        or(isNull(openSlots.offeredOnlyTo), eq(openSlots.offeredOnlyTo, personId)),
        isNull(shifts.cancelledAt),
        gt(shifts.startsAt, ctx.now),
        notExists(busyThatNight),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(openSlots.id));
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.shiftId) && seen.add(r.shiftId));
}
export type OpenOffer = Awaited<ReturnType<typeof openOffers>>[number];

import { and, asc, eq, isNull } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { assignments, leaveDates, memberships, openSlots, people } from "../storage/schema/index.js";
import { shiftLeadRecipients } from "./assignment-facts.js";
import type { ShiftPolicy } from "./policy.js";
import { scheduleReminders } from "./schedule-reminders.js";
import { ALL_KINDS, answeredLine, closeReminders } from "./close-reminders.js";
import { showSlotTaken } from "./close-slots.js";
import { loadSlot } from "./open-slot.js";
import { shiftArgs } from "./shift-facts.js";
import { markBoardDirty } from "./board.js";

/**
 * A teammate takes an open slot. The slot is filled by one conditional update, so of two people
 * pressing at once exactly one gets it and the other is told it is taken. The taker must be an
 * active member of the team, free and not on leave that night.
 */
export async function takeSlot(ctx: DomainContext, pressedSlotId: number, policy: ShiftPolicy) {
  let slotId = pressedSlotId;
  if (ctx.actor.type !== "person") throw new ForbiddenError("slot.person_only");
  const personId = ctx.actor.personId;
  const slot = await loadSlot(ctx.db, slotId);
  if (!slot) throw new NotFoundError("slot.not_found");
  // Any of the places a raised level opened will do: the offer was for the shift, not one place.
  const anyOfShift = slot.reason === "level";
  const [busy] = await ctx.db
    .select({ shiftId: assignments.shiftId })
    .from(assignments)
    .where(and(eq(assignments.personId, personId), eq(assignments.night, slot.night), isNull(assignments.endedAt)));
  // The taker pressing again (a stale copy, a redelivered press) hears it is theirs, not "taken".
  if (busy?.shiftId === slot.shiftId) throw new ConflictError("slot.already_yours");
  if (slot.filledAt && !anyOfShift) throw new ConflictError("slot.taken");
  if (slot.closedAt || slot.cancelledAt || slot.startsAt <= ctx.now) throw new ValidationError("slot.closed");
  const [member] = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.teamId, slot.teamId), eq(memberships.status, "active")));
  if (!member || (slot.onlyTo !== null && slot.onlyTo !== personId)) throw new ForbiddenError("slot.not_for_you");
  if (busy) throw new ConflictError("slot.busy_that_night");
  const [onLeave] = await ctx.db.select().from(leaveDates).where(and(eq(leaveDates.personId, personId), eq(leaveDates.night, slot.night)));
  if (onLeave) throw new ValidationError("slot.on_leave");

  return ctx.db.transaction(async (tx) => {
    const stillOpen = and(isNull(openSlots.filledAt), isNull(openSlots.closedAt));
    // Picked first, then filled: inside one UPDATE a locking subquery is re-run per row and
    // would fill every open place at once.
    const [pick] = anyOfShift
      ? await tx
          .select({ id: openSlots.id })
          .from(openSlots)
          .where(and(eq(openSlots.shiftId, slot.shiftId), eq(openSlots.reason, "level"), stillOpen))
          .orderBy(asc(openSlots.id))
          .limit(1)
          .for("update", { skipLocked: true })
      : [{ id: slotId }];
    const [won] = pick
      ? await tx.update(openSlots).set({ filledAt: ctx.now }).where(and(eq(openSlots.id, pick.id), stillOpen)).returning({ id: openSlots.id })
      : [];
    if (!won) throw new ConflictError("slot.taken");
    slotId = won.id;
    const [taken] = await tx
      .insert(assignments)
      .values({ shiftId: slot.shiftId, personId, night: slot.night, source: slot.replaces ? "substitute" : "open_slot", reply: "coming", repliedAt: ctx.now, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: assignments.id });
    // Another shift that night was taken a moment ago: roll the fill back with the error.
    if (!taken) throw new ConflictError("slot.busy_that_night");
    await tx.update(openSlots).set({ filledByAssignmentId: taken.id }).where(eq(openSlots.id, slotId));
    await markBoardDirty(tx, slot.shiftId, ctx.now);
    await scheduleReminders(tx, [{ assignmentId: taken.id, startsAt: slot.startsAt }], policy.reminders);

    const [taker] = await tx.select({ name: people.name }).from(people).where(eq(people.id, personId));
    const args = { ...shiftArgs(slot), name: taker?.name ?? "-" };
    await showSlotTaken(tx, ctx.now, { id: slotId, shiftId: slot.shiftId, reason: slot.reason }, { personId, name: args.name });
    const messages = (await shiftLeadRecipients(tx, slot)).map((to) => ({
      to,
      payload: { kind: "message" as const, text: { key: "notice-slot-filled", args } },
      dedupeKey: `filled:${slotId}:${to.personId}`,
    }));
    if (slot.replaces !== null) {
      // Whoever asked for a substitute is off the shift now; whoever could not come already was.
      const ended = await tx
        .update(assignments)
        .set({ endedAt: ctx.now, endedReason: "substituted" })
        .where(and(eq(assignments.id, slot.replaces), isNull(assignments.endedAt)))
        .returning({ id: assignments.id });
      const [person] = await tx
        .select(recipientColumns)
        .from(assignments)
        .innerJoin(people, eq(people.id, assignments.personId))
        .where(eq(assignments.id, slot.replaces));
      const to = person ? toRecipient(person) : null;
      const key = ended.length > 0 ? "notice-substitute-found" : "notice-place-taken";
      // Their reminders said "find me a substitute" (and the check-in one still had its button).
      if (ended.length > 0) await closeReminders(tx, ctx.now, slot.replaces, ALL_KINDS, answeredLine({ kind: "substituted", name: args.name }, ctx.now));
      if (to) messages.push({ to, payload: { kind: "message", text: { key, args } }, dedupeKey: `substituted:${slotId}` });
    }
    await enqueueMessages(tx, ctx.now, messages);
    return { assignmentId: taken.id, args };
  });
}

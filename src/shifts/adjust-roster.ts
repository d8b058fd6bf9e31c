import { and, asc, eq, isNull, notExists } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { assignments, leaveDates, memberships, people, shifts } from "../storage/schema/index.js";
import { loadAssignment } from "./assignment-facts.js";
import { markBoardDirty, requireShiftLead } from "./board.js";
import type { ShiftPolicy } from "./policy.js";
import { scheduleReminders } from "./schedule-reminders.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

async function leadShift(ctx: DomainContext, shiftId: number) {
  const [shift] = await selectShiftFacts(ctx.db).where(eq(shifts.id, shiftId));
  if (!shift) throw new NotFoundError("shift.not_found");
  await requireShiftLead(ctx, shift);
  if (shift.endsAt <= ctx.now) throw new ValidationError("shift.over");
  return shift;
}

/** Teammates the leader can add to a shift: active, free that night, not on leave. */
export async function addableMembers(ctx: DomainContext, shiftId: number) {
  const shift = await leadShift(ctx, shiftId);
  const busy = ctx.db.select({ id: assignments.id }).from(assignments).where(and(eq(assignments.personId, memberships.personId), eq(assignments.night, shift.night), isNull(assignments.endedAt)));
  const away = ctx.db.select({ id: leaveDates.personId }).from(leaveDates).where(and(eq(leaveDates.personId, memberships.personId), eq(leaveDates.night, shift.night)));
  return ctx.db
    .select({ personId: people.id, name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, shift.teamId), eq(memberships.status, "active"), isNull(people.forgottenAt), notExists(busy), notExists(away)))
    .orderBy(asc(people.name))
    .limit(30);
}

/** Who is on a shift now, for the leader's "remove" list. */
export async function shiftMembers(ctx: DomainContext, shiftId: number) {
  await leadShift(ctx, shiftId);
  return ctx.db
    .select({ assignmentId: assignments.id, name: people.name })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)))
    .orderBy(asc(people.name));
}

async function tell(tx: Db, now: Date, personId: number, key: string, args: TextRef["args"], dedupeKey: string) {
  const [person] = await tx.select(recipientColumns).from(people).where(eq(people.id, personId));
  const to = person ? toRecipient(person) : null;
  if (to) await enqueueMessages(tx, now, [{ to, payload: { kind: "message", text: { key, ...(args ? { args } : {}) } }, dedupeKey }]);
}

/** The leader puts a teammate on a shift; they are told and reminded like everyone else. */
export async function addToShift(ctx: DomainContext, shiftId: number, personId: number, policy: ShiftPolicy): Promise<void> {
  const shift = await leadShift(ctx, shiftId);
  if (!(await addableMembers(ctx, shiftId)).some((m) => m.personId === personId)) throw new ValidationError("roster.not_addable");
  await ctx.db.transaction(async (tx) => {
    const [added] = await tx
      .insert(assignments)
      .values({ shiftId, personId, night: shift.night, source: "manual", createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: assignments.id });
    if (!added) throw new ConflictError("slot.busy_that_night");
    await scheduleReminders(tx, [{ assignmentId: added.id, startsAt: shift.startsAt }], policy.reminders);
    await markBoardDirty(tx, shiftId, ctx.now);
    await tell(tx, ctx.now, personId, "notice-added-to-shift", shiftArgs(shift), `added:${added.id}`);
  });
}

/** The leader takes someone off a shift; they are told. Swapping is a removal and an addition. */
export async function removeFromShift(ctx: DomainContext, assignmentId: number): Promise<void> {
  const facts = await loadAssignment(ctx.db, assignmentId);
  await leadShift(ctx, facts.shiftId);
  await ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .update(assignments)
      .set({ endedAt: ctx.now, endedReason: "removed" })
      .where(and(eq(assignments.id, assignmentId), isNull(assignments.endedAt)))
      .returning({ id: assignments.id });
    if (!ended) throw new ConflictError("shift.not_on_it");
    await markBoardDirty(tx, facts.shiftId, ctx.now);
    await tell(tx, ctx.now, facts.personId, "notice-removed-from-shift", shiftArgs(facts), `unassigned:${assignmentId}`);
  });
}

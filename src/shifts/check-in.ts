import { and, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Db } from "../storage/db.js";
import { assignments, shifts } from "../storage/schema/index.js";
import { loadAssignment, loadCurrentAssignment, type AssignmentFacts } from "./assignment-facts.js";
import type { ShiftPolicy } from "./policy.js";
import { boardDirtyMark } from "./board.js";
import { recordCheckIn } from "./record-check-in.js";

export interface Coordinates {
  latitude: number;
  longitude: number;
}

/**
 * The actor's own assignment to act on: the one named (a button, checked to be theirs), or the
 * one whose check-in window is open now (/checkin). Says why when there is none.
 */
export async function ownAssignmentNow(ctx: DomainContext, policy: ShiftPolicy, assignmentId?: number): Promise<AssignmentFacts> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  if (assignmentId !== undefined) {
    const facts = await loadAssignment(ctx.db, assignmentId);
    if (facts.personId !== ctx.actor.personId) throw new ForbiddenError("shift.not_yours");
    if (facts.endedAt) throw new ConflictError("shift.not_on_it");
    return facts;
  }
  const opensBy = new Date(ctx.now.getTime() + policy.checkInOpensMinutes * 60_000);
  const current = await loadCurrentAssignment(ctx.db, ctx.actor.personId, ctx.now, opensBy, policy.timeZone);
  if (current) return current;
  throw new ValidationError("checkin.no_shift_now");
}

/**
 * Records an attendance change on the assignment if `unchanged` still holds, and marks its
 * shift's live board for a redraw in the same statement. False when someone was first.
 */
async function changeAttendance(db: Db, assignmentId: number, set: Partial<typeof assignments.$inferInsert>, unchanged: SQL | undefined, now: Date): Promise<boolean> {
  const changed = db.$with("changed").as(
    db
      .update(assignments)
      .set(set)
      .where(and(eq(assignments.id, assignmentId), unchanged))
      .returning({ shiftId: assignments.shiftId }),
  );
  const marked = await db.with(changed).update(shifts).set({ boardDirtyAt: boardDirtyMark(sql`${now.toISOString()}::timestamptz`) }).from(changed).where(eq(shifts.id, changed.shiftId)).returning({ id: shifts.id });
  return marked.length > 0;
}

/** Check-in opens some minutes before the start and closes at the end; twice changes nothing. */
export async function checkIn(ctx: DomainContext, policy: ShiftPolicy, input: { assignmentId?: number; location?: Coordinates } = {}): Promise<AssignmentFacts> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const opensMs = policy.checkInOpensMinutes * 60_000;
  const opensBy = new Date(ctx.now.getTime() + opensMs);
  const { facts, checkedIn } = await recordCheckIn(ctx.db, {
    personId: ctx.actor.personId,
    now: ctx.now,
    opensBy,
    timeZone: policy.timeZone,
    ...input,
  });
  if (!facts) throw input.assignmentId === undefined ? new ValidationError("checkin.no_shift_now") : new NotFoundError("shift.not_found");
  if (facts.personId !== ctx.actor.personId) throw new ForbiddenError("shift.not_yours");
  if (facts.endedAt) throw new ConflictError("shift.not_on_it");
  if (ctx.now.getTime() < facts.startsAt.getTime() - opensMs) throw new ValidationError("checkin.not_open_yet", { start: facts.startTime });
  if (ctx.now >= facts.endsAt) throw new ValidationError("shift.over");
  if (!checkedIn) throw new ConflictError("checkin.already");
  return { ...facts, checkedInAt: ctx.now, reply: facts.reply === "substitute" ? facts.reply : "coming" };
}

/** Adds where the volunteer is to tonight's check-in (a shared or live location), once. */
export async function attachCheckInLocation(ctx: DomainContext, policy: ShiftPolicy, location: Coordinates): Promise<boolean> {
  const facts = await ownAssignmentNow(ctx, policy);
  if (!facts.checkedInAt) throw new ValidationError("checkout.not_checked_in");
  const updated = await ctx.db
    .update(assignments)
    .set({ checkInLatitude: location.latitude, checkInLongitude: location.longitude })
    .where(and(eq(assignments.id, facts.assignmentId), isNull(assignments.checkInLatitude)))
    .returning({ id: assignments.id });
  return updated.length > 0;
}

/** Only someone checked in can check out, and only once; after the end too, until the auto close. */
export async function checkOut(ctx: DomainContext, policy: ShiftPolicy, input: { assignmentId?: number } = {}): Promise<AssignmentFacts> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  let facts: AssignmentFacts;
  if (input.assignmentId !== undefined) {
    facts = await ownAssignmentNow(ctx, policy, input.assignmentId);
  } else {
    const [open] = await ctx.db
      .select({ id: assignments.id })
      .from(assignments)
      .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
      // The latest check-in of the last day, so checking out twice says "already".
      .where(and(eq(assignments.personId, ctx.actor.personId), isNull(assignments.endedAt), gt(assignments.checkedInAt, new Date(ctx.now.getTime() - 86_400_000))))
      .orderBy(desc(assignments.checkedInAt))
      .limit(1);
    if (!open) throw new ValidationError("checkout.not_checked_in");
    facts = await loadAssignment(ctx.db, open.id);
  }
  if (!facts.checkedInAt) throw new ValidationError("checkout.not_checked_in");
  if (facts.checkedOutAt) throw new ConflictError("checkout.already");
  if (!(await changeAttendance(ctx.db, facts.assignmentId, { checkedOutAt: ctx.now }, isNull(assignments.checkedOutAt), ctx.now))) throw new ConflictError("checkout.already");
  return { ...facts, checkedOutAt: ctx.now };
}

import { and, asc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { assignments, leaveDates, memberships, people, shifts } from "../storage/schema/index.js";
import { shiftLeadRecipients } from "./assignment-facts.js";
import { markBoardDirty } from "./board.js";
import type { ShiftPolicy } from "./policy.js";
import { scheduleReminders } from "./schedule-reminders.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

const onShift = sql<number>`(select count(*)::int from ${assignments} a where a.shift_id = ${shifts.id} and a.ended_at is null)`;

/** Shifts of the actor's teams in the coming week that are short of people, on nights they are free. */
export async function openShifts(ctx: DomainContext, days = 7) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const teams = await ctx.db
    .select({ teamId: memberships.teamId })
    .from(memberships)
    .where(and(eq(memberships.personId, ctx.actor.personId), eq(memberships.status, "active")));
  if (teams.length === 0) return [];
  const rows = await selectShiftFacts(ctx.db, { onShift })
    .where(
      and(
        inArray(shifts.teamId, teams.map((t) => t.teamId)),
        gt(shifts.startsAt, ctx.now),
        lte(shifts.startsAt, new Date(ctx.now.getTime() + days * 86_400_000)),
        isNull(shifts.cancelledAt),
      ),
    )
    .orderBy(asc(shifts.startsAt));
  if (rows.length === 0) return [];
  const mine = await ctx.db
    .select({ night: assignments.night })
    .from(assignments)
    .where(and(eq(assignments.personId, ctx.actor.personId), isNull(assignments.endedAt), inArray(assignments.night, rows.map((r) => r.night))));
  const busy = new Set(mine.map((m) => m.night));
  return rows.filter((r) => r.onShift < r.required && !busy.has(r.night));
}

/**
 * A member joins a short shift. The shift row is locked while counting, so the last place goes
 * to one person only, even when several press at once.
 */
export async function joinShortShift(ctx: DomainContext, shiftId: number, policy: ShiftPolicy) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const personId = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx.select({ id: shifts.id }).from(shifts).where(eq(shifts.id, shiftId)).for("update");
    if (!locked) throw new NotFoundError("shift.not_found");
    const [shift] = await selectShiftFacts(tx, { onShift }).where(eq(shifts.id, shiftId));
    if (!shift || shift.cancelledAt || shift.startsAt <= ctx.now) throw new ValidationError("slot.closed");
    const [member] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.teamId, shift.teamId), eq(memberships.status, "active")));
    if (!member) throw new ForbiddenError("slot.not_for_you");
    if (shift.onShift >= shift.required) throw new ConflictError("slot.taken");
    const [away] = await tx.select().from(leaveDates).where(and(eq(leaveDates.personId, personId), eq(leaveDates.night, shift.night)));
    if (away) throw new ValidationError("slot.on_leave");
    const [taken] = await tx
      .insert(assignments)
      .values({ shiftId, personId, night: shift.night, source: "open_slot", reply: "coming", repliedAt: ctx.now, createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ id: assignments.id });
    if (!taken) throw new ConflictError("slot.busy_that_night");
    await scheduleReminders(tx, [{ assignmentId: taken.id, startsAt: shift.startsAt }], policy.reminders);
    await markBoardDirty(tx, shiftId, ctx.now);
    const [me] = await tx.select({ name: people.name }).from(people).where(eq(people.id, personId));
    const args = { ...shiftArgs(shift), name: me?.name ?? "-" };
    const leads = await shiftLeadRecipients(tx, shift);
    await enqueueMessages(
      tx,
      ctx.now,
      leads.map((to) => ({ to, payload: { kind: "message" as const, text: { key: "notice-slot-filled", args } }, dedupeKey: `joined:${taken.id}:${to.personId}` })),
    );
    return { assignmentId: taken.id, args };
  });
}

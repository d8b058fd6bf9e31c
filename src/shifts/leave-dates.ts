import { and, asc, eq, gt, gte, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { assignments, leaveDates, shifts } from "../storage/schema/index.js";
import { answerShift } from "./answer-shift.js";
import { localNight, type Night } from "./night.js";
import type { ShiftPolicy } from "./policy.js";

const nightSchema = z.iso.date();

/** The actor's leave dates from tonight on. */
export async function listLeaveDates(ctx: DomainContext, policy: ShiftPolicy): Promise<Night[]> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const rows = await ctx.db
    .select({ night: leaveDates.night })
    .from(leaveDates)
    .where(and(eq(leaveDates.personId, ctx.actor.personId), gte(leaveDates.night, localNight(ctx.now, policy.timeZone))))
    .orderBy(asc(leaveDates.night));
  return rows.map((r) => r.night);
}

/**
 * Adds and removes the actor's leave dates. A planned shift on a new leave date is given up as
 * "can't come", so the rota finds someone else and the leader is told.
 */
export async function setLeaveDates(ctx: DomainContext, change: { add?: string[]; remove?: string[] }, policy: ShiftPolicy) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("shift.not_yours");
  const personId = ctx.actor.personId;
  const today = localNight(ctx.now, policy.timeZone);
  const check = (nights: string[] = []) => {
    if (nights.length > 90) throw new ValidationError("leave.too_many");
    for (const n of nights) if (!nightSchema.safeParse(n).success || n < today) throw new ValidationError("leave.bad_date", { value: n });
    return [...new Set(nights)];
  };
  const add = check(change.add);
  const remove = check(change.remove);
  await ctx.db.transaction(async (tx) => {
    if (add.length) await tx.insert(leaveDates).values(add.map((night) => ({ personId, night }))).onConflictDoNothing();
    if (remove.length) await tx.delete(leaveDates).where(and(eq(leaveDates.personId, personId), inArray(leaveDates.night, remove)));
  });
  const clashing = add.length
    ? await ctx.db
        .select({ id: assignments.id })
        .from(assignments)
        .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
        .where(and(eq(assignments.personId, personId), inArray(assignments.night, add), isNull(assignments.endedAt), gt(shifts.startsAt, ctx.now)))
    : [];
  for (const { id } of clashing) await answerShift(ctx, { assignmentId: id, answer: "cant" }, policy);
  return { added: add.length, removed: remove.length, released: clashing.length };
}

import { and, asc, count, eq, gt, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { assignments, duties, openSlots, shifts } from "../storage/schema/index.js";
import type { Night } from "./night.js";

/**
 * A team's shifts from `from` to `to`, not yet begun, with fewer people than they need beyond the
 * places already being offered: how many are missing, and who was on each before (someone who
 * said they cannot come, or was taken off, is not put back). Week-long posts are left out: one
 * person holds a whole week.
 */
export async function shortShifts(tx: Db, now: Date, teamId: number, from: Night, to: Night) {
  const planned = await tx
    .select({ shiftId: shifts.id, night: shifts.night, startsAt: shifts.startsAt, required: shifts.required })
    .from(shifts)
    .innerJoin(duties, eq(duties.id, shifts.dutyId))
    .where(and(eq(shifts.teamId, teamId), eq(duties.rota, "fair"), gte(shifts.night, from), lte(shifts.night, to), gt(shifts.startsAt, now), isNull(shifts.cancelledAt)))
    .orderBy(asc(shifts.startsAt))
    .for("update", { of: shifts });
  if (planned.length === 0) return [];
  const ids = planned.map((s) => s.shiftId);
  const [people, offered] = await Promise.all([
    tx.select({ shiftId: assignments.shiftId, personId: assignments.personId, endedAt: assignments.endedAt }).from(assignments).where(inArray(assignments.shiftId, ids)),
    tx.select({ shiftId: openSlots.shiftId, n: count() }).from(openSlots).where(and(inArray(openSlots.shiftId, ids), isNull(openSlots.filledAt), isNull(openSlots.closedAt))).groupBy(openSlots.shiftId),
  ]);
  return planned.flatMap((shift) => {
    const onIt = people.filter((p) => p.shiftId === shift.shiftId);
    const open = offered.find((o) => o.shiftId === shift.shiftId)?.n ?? 0;
    const gap = shift.required - onIt.filter((p) => p.endedAt === null).length - open;
    return gap > 0 ? [{ ...shift, gap, before: new Set(onIt.map((p) => p.personId)) }] : [];
  });
}

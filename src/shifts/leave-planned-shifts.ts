import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { assignments, openSlots, shifts } from "../storage/schema/index.js";
import { boardDirtyMark } from "./board.js";
import { closeSlots, offerClosedLine } from "./close-slots.js";
import { STANDBY_CALL_HOURS } from "./recompute-staffing.js";

/**
 * Someone left a team (or was taken off it, or asked to be forgotten): they come off the team's
 * shifts not yet begun, so they get no more reminders and count as no-show nowhere, and each place
 * is opened for the waves job to offer to the teammates, as a place a raised level opens.
 */
export async function leavePlannedShifts(tx: Db, now: Date, personId: number, teamIds: number[]): Promise<number> {
  if (teamIds.length === 0) return 0;
  const planned = await tx
    .select({ assignmentId: assignments.id, shiftId: shifts.id, startsAt: shifts.startsAt })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(eq(assignments.personId, personId), isNull(assignments.endedAt), inArray(shifts.teamId, teamIds), gt(shifts.startsAt, now), isNull(shifts.cancelledAt)));
  if (planned.length === 0) return 0;
  const ended = await tx
    .update(assignments)
    .set({ endedAt: now, endedReason: "left_team" })
    .where(and(inArray(assignments.id, planned.map((p) => p.assignmentId)), isNull(assignments.endedAt)))
    .returning({ id: assignments.id });
  const endedIds = new Set(ended.map((e) => e.id));
  const places = planned.filter((p) => endedIds.has(p.assignmentId));
  // Their substitute searches stop: the place is opened afresh below.
  const searches = await tx.select({ id: openSlots.id }).from(openSlots).where(inArray(openSlots.replacesAssignmentId, [...endedIds]));
  await closeSlots(tx, now, searches.map((s) => s.id), offerClosedLine(now));
  await tx.insert(openSlots).values(
    places.map((p) => ({
      shiftId: p.shiftId,
      reason: "short" as const,
      replacesAssignmentId: null,
      openedAt: now,
      nextWaveAt: new Date(Math.max(now.getTime(), p.startsAt.getTime() - STANDBY_CALL_HOURS * 3_600_000)),
    })),
  );
  await tx.update(shifts).set({ boardDirtyAt: boardDirtyMark(sql`${now.toISOString()}::timestamptz`) }).where(inArray(shifts.id, [...new Set(places.map((p) => p.shiftId))]));
  return places.length;
}

import { and, asc, count, desc, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { levelsAt } from "../levels/level-at.js";
import { headcountFor } from "../levels/response-levels.js";
import type { Db } from "../storage/db.js";
import { assignments, duties, openSlots, shifts, towns } from "../storage/schema/index.js";
import { boardDirtyMark } from "./board.js";
import { closeSlots, offerClosedLine } from "./close-slots.js";
import { releaseAssignments, type StaffingCause } from "./release-assignments.js";
import { selectShiftFacts } from "./shift-facts.js";

/**
 * Standby volunteers are called this long before a night at most. The call itself is the waves
 * job's (within seconds for nights this close), which keeps a district-wide change's transaction short.
 */
export const STANDBY_CALL_HOURS = 36;

const selectStaffedShifts = (tx: Db) =>
  selectShiftFacts(tx, { rota: duties.rota, headcountNormal: duties.headcountNormal, headcountHeightened: duties.headcountHeightened, headcountLevel1: duties.headcountLevel1 });
type StaffedShift = Awaited<ReturnType<typeof selectStaffedShifts>>[number];

export interface StaffingChange {
  shift: StaffedShift;
  before: number;
  after: number;
  /** People on the shift once the change is applied. */
  onShift: number;
  slotsOpened: number;
  slotsClosed: number;
  released: number;
}

/**
 * After a level, the calendar or a duty's headcounts changed: sets each future shift's headcount
 * to the one of the level in force (for a shift under way, the level now; `notStarted` leaves
 * those alone). A shift now short gets open places that the waves job offers to standby
 * teammates, first press wins; a shift with too many people first closes its open places, then
 * frees the people added most recently who have not checked in.
 * Set-based, because a district-wide change touches every team's planned fortnight at once.
 */
export async function recomputeStaffing(
  tx: Db,
  now: Date,
  where: { townId: number | null; nights?: string[]; dutyId?: number; notStarted?: boolean },
  cause: StaffingCause = "level",
): Promise<StaffingChange[]> {
  const filters: SQL[] = [isNull(shifts.cancelledAt), gt(shifts.endsAt, now)];
  if (where.nights) filters.push(inArray(shifts.night, where.nights));
  if (where.dutyId !== undefined) filters.push(eq(shifts.dutyId, where.dutyId));
  if (where.notStarted) filters.push(gt(shifts.startsAt, now));
  if (where.townId !== null) filters.push(sql`${towns.id} = ${where.townId}`);
  const rows = await selectStaffedShifts(tx).where(and(...filters)).orderBy(asc(shifts.startsAt), asc(shifts.id)).for("update", { of: shifts });

  const changed: Array<{ shift: StaffedShift; after: number }> = [];
  for (const [townId, ofTown] of groupBy(rows, (r) => r.townId)) {
    const levels = await levelsAt(tx, townId, ofTown.map((s) => ({ night: s.night, at: s.startsAt > now ? s.startsAt : now })));
    ofTown.forEach((shift, i) => {
      const after = headcountFor(shift, levels[i]!);
      if (after !== shift.required) changed.push({ shift, after });
    });
  }
  if (changed.length === 0) return [];
  const ids = changed.map((c) => c.shift.shiftId);
  for (const part of chunks(changed, 1000)) {
    const values = sql.join(part.map((c) => sql`(${c.shift.shiftId}::int, ${c.after}::smallint)`), sql`, `);
    await tx.execute(sql`update ${shifts} set required = v.required, board_dirty_at = ${boardDirtyMark(sql`${now.toISOString()}::timestamptz`)} from (values ${values}) as v(id, required) where ${shifts.id} = v.id`);
  }
  const staffed = new Map<number, number>();
  const open = new Map<number, number[]>();
  for (const part of chunks(ids, 1000)) {
    const counts = await tx.select({ shiftId: assignments.shiftId, n: count() }).from(assignments).where(and(inArray(assignments.shiftId, part), isNull(assignments.endedAt))).groupBy(assignments.shiftId);
    counts.forEach((c) => staffed.set(c.shiftId, c.n));
    const slots = await tx
      .select({ id: openSlots.id, shiftId: openSlots.shiftId })
      .from(openSlots)
      .where(and(inArray(openSlots.shiftId, part), isNull(openSlots.filledAt), isNull(openSlots.closedAt)))
      .orderBy(desc(openSlots.openedAt), desc(openSlots.id));
    slots.forEach((s) => open.set(s.shiftId, [...(open.get(s.shiftId) ?? []), s.id]));
  }

  const changes: StaffingChange[] = [];
  const newSlots: (typeof openSlots.$inferInsert)[] = [];
  const toClose: number[] = [];
  for (const { shift, after } of changed) {
    const onShift = staffed.get(shift.shiftId) ?? 0;
    const openIds = open.get(shift.shiftId) ?? [];
    const change: StaffingChange = { shift, before: shift.required, after, onShift, slotsOpened: 0, slotsClosed: 0, released: 0 };
    const gap = after - onShift - openIds.length;
    if (gap > 0 && shift.startsAt > now) {
      const callAt = new Date(Math.max(now.getTime(), shift.startsAt.getTime() - STANDBY_CALL_HOURS * 3_600_000));
      for (let i = 0; i < gap; i++) newSlots.push({ shiftId: shift.shiftId, reason: "level", replacesAssignmentId: null, openedAt: now, nextWaveAt: callAt });
      change.slotsOpened = gap;
    } else if (gap < 0) {
      change.slotsClosed = Math.min(-gap, openIds.length);
      toClose.push(...openIds.slice(0, change.slotsClosed));
      if (onShift > after) change.released = await releaseAssignments(tx, now, shift, onShift - after, cause);
      change.onShift = onShift - change.released;
    }
    changes.push(change);
  }
  for (const part of chunks(newSlots, 1000)) await tx.insert(openSlots).values(part);
  await closeSlots(tx, now, toClose, offerClosedLine(now));
  return changes;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function chunks<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}

import { and, asc, count, desc, eq, gt, inArray, isNull, type SQL } from "drizzle-orm";
import { levelsAt } from "../levels/level-at.js";
import { headcountFor } from "../levels/response-levels.js";
import type { Db } from "../storage/db.js";
import { assignments, duties, openSlots, shifts, towns } from "../storage/schema/index.js";
import { markBoardDirty } from "./board.js";
import { openSlot } from "./open-slot.js";
import type { ShiftPolicy } from "./policy.js";
import { releaseAssignments } from "./release-assignments.js";
import { selectShiftFacts } from "./shift-facts.js";

/** Standby volunteers are called this long before a night at most; later nights are called by the waves job. */
export const STANDBY_CALL_HOURS = 36;

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
 * After a level or the calendar changed: sets each future shift's headcount to the one of the
 * level in force (for a shift under way, the level now). A shift now short gets open slots that
 * standby teammates are called to take, first press wins; a shift with too many people first
 * closes its open slots, then frees the people added most recently who have not checked in.
 */
export async function recomputeStaffing(tx: Db, now: Date, where: { townId: number | null; nights?: string[] }, policy: ShiftPolicy): Promise<StaffingChange[]> {
  const filters: SQL[] = [isNull(shifts.cancelledAt), gt(shifts.endsAt, now)];
  if (where.nights) filters.push(inArray(shifts.night, where.nights));
  const rows = await selectStaffedShifts(tx)
    .where(and(...filters, where.townId === null ? undefined : eq(towns.id, where.townId)))
    .orderBy(asc(shifts.startsAt), asc(shifts.id))
    .for("update", { of: shifts });
  const changes: StaffingChange[] = [];
  for (const [townId, shiftsOfTown] of groupBy(rows, (r) => r.townId)) {
    const levels = await levelsAt(tx, townId, shiftsOfTown.map((s) => ({ night: s.night, at: s.startsAt > now ? s.startsAt : now })));
    for (const [i, shift] of shiftsOfTown.entries()) {
      const after = headcountFor(shift, levels[i]!);
      if (after === shift.required) continue;
      changes.push(await applyHeadcount(tx, now, shift, after, policy));
    }
  }
  return changes;
}

const selectStaffedShifts = (tx: Db) =>
  selectShiftFacts(tx, { rota: duties.rota, headcountNormal: duties.headcountNormal, headcountHeightened: duties.headcountHeightened, headcountLevel1: duties.headcountLevel1 });
type StaffedShift = Awaited<ReturnType<typeof selectStaffedShifts>>[number];

async function applyHeadcount(tx: Db, now: Date, shift: StaffedShift, after: number, policy: ShiftPolicy): Promise<StaffingChange> {
  await tx.update(shifts).set({ required: after }).where(eq(shifts.id, shift.shiftId));
  await markBoardDirty(tx, shift.shiftId, now);
  const [{ n: onShift }] = (await tx.select({ n: count() }).from(assignments).where(and(eq(assignments.shiftId, shift.shiftId), isNull(assignments.endedAt)))) as [{ n: number }];
  const open = await tx
    .select({ id: openSlots.id })
    .from(openSlots)
    .where(and(eq(openSlots.shiftId, shift.shiftId), isNull(openSlots.filledAt), isNull(openSlots.closedAt)))
    .orderBy(desc(openSlots.openedAt), desc(openSlots.id));
  const change: StaffingChange = { shift, before: shift.required, after, onShift, slotsOpened: 0, slotsClosed: 0, released: 0 };
  const gap = after - onShift - open.length;
  if (gap > 0 && shift.startsAt > now) {
    const callAt = new Date(Math.max(now.getTime(), shift.startsAt.getTime() - STANDBY_CALL_HOURS * 3_600_000));
    for (let i = 0; i < gap; i++) await openSlot(tx, now, { shiftId: shift.shiftId, reason: "level", replacesAssignmentId: null }, policy, callAt);
    change.slotsOpened = gap;
  }
  if (gap < 0) {
    const close = open.slice(0, Math.min(-gap, open.length)).map((s) => s.id);
    if (close.length) await tx.update(openSlots).set({ closedAt: now }).where(inArray(openSlots.id, close));
    change.slotsClosed = close.length;
    const surplus = onShift - after;
    if (surplus > 0) change.released = await releaseAssignments(tx, now, shift, surplus);
    change.onShift = onShift - change.released;
  }
  return change;
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

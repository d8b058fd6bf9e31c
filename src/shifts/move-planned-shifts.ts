import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { assignments, people, reminders, shifts } from "../storage/schema/index.js";
import { boardDirtyMark } from "./board.js";
import { shiftWindow, type Night } from "./night.js";
import type { ShiftPolicy } from "./policy.js";
import type { ReminderKind } from "./schedule-reminders.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

interface Window {
  startTime: string;
  endTime: string;
}

export interface MovedShifts {
  /** Nights whose shift took the new window. */
  moved: Night[];
  /** Nights not yet begun that keep the old window because the new start has already passed. */
  kept: Night[];
  /** Volunteers told about their new times. */
  told: number;
}

/**
 * After a duty's window changed: its planned shifts not yet begun take the new times in this
 * transaction, their reminders still to come fall due anew, and each volunteer on them is told
 * once, with their nights. A shift under way keeps its times, and so does one whose new start
 * has already passed: moving it would make everyone late, or a no-show, by the change alone.
 */
export async function movePlannedShifts(tx: Db, now: Date, duty: { id: number; before: Window; after: Window }, policy: Pick<ShiftPolicy, "timeZone" | "reminders">): Promise<MovedShifts> {
  const result: MovedShifts = { moved: [], kept: [], told: 0 };
  if (duty.before.startTime === duty.after.startTime && duty.before.endTime === duty.after.endTime) return result;
  const planned = await selectShiftFacts(tx)
    .where(and(eq(shifts.dutyId, duty.id), isNull(shifts.cancelledAt), gt(shifts.startsAt, now)))
    .orderBy(asc(shifts.startsAt))
    .for("update", { of: shifts });
  const movedIds: number[] = [];
  for (const shift of planned) {
    const id = shift.shiftId;
    const window = shiftWindow(shift.night, duty.after.startTime, duty.after.endTime, policy.timeZone);
    if (window.startsAt <= now) {
      result.kept.push(shift.night);
      continue;
    }
    if (window.startsAt.getTime() === shift.startsAt.getTime() && window.endsAt.getTime() === shift.endsAt.getTime()) continue;
    await tx.update(shifts).set({ ...window, boardDirtyAt: boardDirtyMark(sql`${now.toISOString()}::timestamptz`) }).where(eq(shifts.id, id));
    movedIds.push(id);
    result.moved.push(shift.night);
  }
  if (movedIds.length === 0) return result;

  // Reminders already sent or skipped stay as they were; those to come follow the new start.
  for (const kind of Object.keys(policy.reminders) as ReminderKind[]) {
    const minutes = policy.reminders[kind];
    await tx.execute(sql`
      update ${reminders} set due_at = ${shifts.startsAt} - make_interval(mins => ${minutes}::int)
      from ${assignments}, ${shifts}
      where ${reminders.assignmentId} = ${assignments.id} and ${assignments.shiftId} = ${shifts.id}
        and ${reminders.kind} = ${kind} and ${reminders.status} = 'pending'
        and ${inArray(shifts.id, movedIds)}`);
  }

  const onShifts = await tx
    .select({ night: assignments.night, ...recipientColumns })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(inArray(assignments.shiftId, movedIds), isNull(assignments.endedAt)))
    .orderBy(asc(assignments.night));
  const nightsOf = new Map<number, { row: (typeof onShifts)[number]; nights: Night[] }>();
  for (const row of onShifts) {
    const entry = nightsOf.get(row.personId) ?? { row, nights: [] };
    entry.nights.push(row.night);
    nightsOf.set(row.personId, entry);
  }
  const { duty: dutyName, team } = shiftArgs(planned[0]!);
  const times = { start: duty.after.startTime, end: duty.after.endTime, wasStart: duty.before.startTime, wasEnd: duty.before.endTime };
  const messages = [...nightsOf.values()].flatMap(({ row, nights }) => {
    const to = toRecipient(row);
    if (!to) return [];
    const lines: TextRef[] = nights.map((n) => ({ key: "night-line", args: { date: { date: n }, ...times } }));
    const text: TextRef = { key: "notice-shift-times-moved", args: { duty: dutyName!, team: team!, ...times, nights: { lines } } };
    return [{ to, payload: { kind: "message" as const, text }, dedupeKey: `shift-moved:${duty.id}:${now.getTime()}:${row.personId}`, priority: PRIORITY.normal }];
  });
  result.told = await enqueueMessages(tx, now, messages);
  return result;
}

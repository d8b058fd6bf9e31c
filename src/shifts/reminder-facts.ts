import { eq } from "drizzle-orm";
import { recipientColumns } from "../people/locale.js";
import { assignments, people, reminders, shifts } from "../storage/schema/index.js";
import type { Db } from "../storage/db.js";
import { selectShiftFacts } from "./shift-facts.js";

/** Reminders with what deciding whether to send them, and writing them, needs. */
export function selectReminderFacts(db: Db) {
  return selectShiftFacts(db, {
    reminderId: reminders.id,
    kind: reminders.kind,
    dueAt: reminders.dueAt,
    status: reminders.status,
    assignmentId: assignments.id,
    reply: assignments.reply,
    endedAt: assignments.endedAt,
    checkedInAt: assignments.checkedInAt,
    ...recipientColumns,
  })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .innerJoin(reminders, eq(reminders.assignmentId, assignments.id))
    .innerJoin(people, eq(people.id, assignments.personId));
}
export type ReminderFacts = Awaited<ReturnType<ReturnType<typeof selectReminderFacts>["execute"]>>[number];

/**
 * Why a reminder is no longer worth sending, or null to send it. Asked when it is queued and
 * again just before it goes out, since it may be queued ahead of its time.
 */
export function staleReason(r: ReminderFacts, now: Date): string | null {
  if (r.endedAt) return "no longer on the shift";
  if (r.cancelledAt) return "shift cancelled";
  if (r.endsAt <= now) return "shift over";
  if (r.telegramId === null) return "not on Telegram";
  if (r.kind === "checkin") return r.checkedInAt ? "already checked in" : r.reply === "cant" ? "cannot come" : null;
  if (r.startsAt <= now) return "shift started";
  return r.reply ? "already answered" : null;
}

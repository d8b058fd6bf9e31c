import { and, eq, inArray } from "drizzle-orm";
import { closeCopies, queuedCopies } from "../outbox/close-copies.js";
import type { TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { outbox, reminders } from "../storage/schema/index.js";
import type { ReminderKind } from "./schedule-reminders.js";

/** The reminders whose buttons ask "are you coming?". */
export const QUESTION_KINDS: ReminderKind[] = ["ask", "nudge"];
export const ALL_KINDS: ReminderKind[] = ["ask", "nudge", "checkin"];

/**
 * The line a closed reminder ends with: what the volunteer answered, and when. A later answer
 * replaces the line, so the reminder always shows the latest.
 */
export function answeredLine(
  answer: { kind: "coming"; lateMinutes?: number | null } | { kind: "cant" | "substitute" | "checked-in" } | { kind: "substituted"; name: string },
  at: Date,
): TextRef {
  const time = { time: at.toISOString() };
  if (answer.kind === "coming") return answer.lateMinutes ? { key: "answered-late", args: { minutes: answer.lateMinutes, time } } : { key: "answered-coming", args: { time } };
  if (answer.kind === "substituted") return { key: "answered-substituted", args: { name: answer.name, time } };
  return { key: `answered-${answer.kind}`, args: { time } };
}

/**
 * Shows an answer on the assignment's reminders of `kinds` that went out (or may still): their
 * buttons go and the line says what was answered. Call in the transaction that recorded it.
 */
export async function closeReminders(tx: Db, now: Date, assignmentId: number, kinds: ReminderKind[], line: TextRef): Promise<number> {
  const sent = tx
    .select({ id: reminders.outboxId })
    .from(reminders)
    .where(and(eq(reminders.assignmentId, assignmentId), inArray(reminders.kind, kinds)));
  const copies = await queuedCopies(tx, inArray(outbox.id, sent));
  return closeCopies(tx, now, copies, () => line);
}

import { sql, type SQL } from "drizzle-orm";
import { closeCopiesInsert } from "../outbox/close-copies.js";
import { noteEnqueued } from "../outbox/enqueue-notice.js";
import type { TextRef } from "../outbox/payload.js";
import { rowsOf } from "../outbox/claim.js";
import type { Db } from "../storage/db.js";
import { assignments, outbox, reminders } from "../storage/schema/index.js";
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

/** A reminder kind as the database compares it. */
const reminderKindIs = (kinds: readonly ReminderKind[]): SQL => sql`r.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})`;

/**
 * The edits that close reminders (closeCopiesInsert): for each reminder of an assignment in
 * `assignmentIds` that passes `which` (over `r`, the reminder, and `a`, its assignment as the
 * statement found it) and went out or may still, its text with `line` added and no buttons.
 */
export function closeRemindersInsert(assignmentIds: SQL, which: SQL, line: SQL, now: SQL): SQL {
  return closeCopiesInsert(
    sql`${reminders} r join ${outbox} o on o.id = r.outbox_id join ${assignments} a on a.id = r.assignment_id`,
    sql`r.assignment_id in (${assignmentIds}) and ${which}`,
    line,
    now,
  );
}

/**
 * Shows an answer on the assignment's reminders of `kinds` that went out (or may still): their
 * buttons go and the line says what was answered. Call in the transaction that recorded it.
 */
export async function closeReminders(tx: Db, now: Date, assignmentId: number, kinds: ReminderKind[], line: TextRef): Promise<number> {
  const insert = closeRemindersInsert(sql`${assignmentId}`, reminderKindIs(kinds), sql`${JSON.stringify(line)}`, sql`${now.toISOString()}`);
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`with closed as (${insert}) select count(*)::int as n from closed`));
  const closed = Number(row?.n ?? 0);
  if (closed > 0) noteEnqueued();
  return closed;
}

import { sql, type SQL } from "drizzle-orm";
import { editGroupSql } from "../outbox/edit-group.js";
import { noteEnqueued } from "../outbox/enqueue-notice.js";
import { PRIORITY } from "../outbox/enqueue.js";
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
 * The edits that close reminders, as one INSERT … SELECT returning their ids: for each reminder of
 * an assignment in `assignmentIds` that passes `which` (over `r`, the reminder, and `a`, its
 * assignment as the statement found it) and went out or may still, an edit of its text with
 * `line` (jsonb) added and its buttons gone, as closeCopies (outbox/close-copies.ts) queues them:
 * aimed at the original row, grouped with its other edits, at bulk priority. One statement, so a
 * check-in can close its reminders in its own (record-check-in.ts): the 20:00 wave runs thousands.
 */
export function closeRemindersInsert(assignmentIds: SQL, which: SQL, line: SQL, now: SQL): SQL {
  return sql`
    insert into ${outbox} (chat_id, person_id, locale, payload, group_key, priority, not_before, created_at)
    select o.chat_id, o.person_id, o.locale,
      jsonb_build_object('kind', 'edit', 'target', jsonb_build_object('outboxId', o.id),
        'text', jsonb_build_object('key', 'message-closed', 'args', jsonb_build_object('message', o.payload -> 'text', 'line', (${line})::jsonb))),
      ${editGroupSql(sql`o.id`)}, ${PRIORITY.bulk}, (${now})::timestamptz, (${now})::timestamptz
    from ${reminders} r
    join ${outbox} o on o.id = r.outbox_id
    join ${assignments} a on a.id = r.assignment_id
    where r.assignment_id in (${assignmentIds}) and ${which}
      and o.status in ('pending', 'sending', 'sent') and o.payload ->> 'kind' = 'message'
    order by o.id
    returning ${outbox.id}`;
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

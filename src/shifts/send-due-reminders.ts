import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessagesReturning, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import { toRecipient } from "../people/locale.js";
import { outbox, reminders } from "../storage/schema/index.js";
import type { Db } from "../storage/db.js";
import { selectReminderFacts, staleReason, type ReminderFacts } from "./reminder-facts.js";
import { sendTimes, type ReminderPacing } from "./reminder-pacing.js";
import { shiftArgs } from "./shift-facts.js";
import { checkInButtons, replyButtons } from "./shift-buttons.js";

/** Reminders due by `until`, soonest first, locked for this transaction. */
function claimDue(tx: Db, until: Date, limit: number) {
  return selectReminderFacts(tx)
    .where(and(eq(reminders.status, "pending"), lte(reminders.dueAt, until)))
    .orderBy(asc(reminders.dueAt), asc(reminders.id))
    .limit(limit)
    .for("update", { of: reminders, skipLocked: true });
}

const reminderKey = (reminderId: number) => `reminder:${reminderId}`;

function reminderMessage(r: ReminderFacts, notBefore: Date): OutboxMessage {
  return {
    to: toRecipient(r)!,
    payload: {
      kind: "message",
      text: { key: `reminder-${r.kind}`, args: shiftArgs(r) },
      buttons: r.kind === "checkin" ? checkInButtons(r.assignmentId) : replyButtons(r.assignmentId),
      // Queued ahead of its time: whether it is still wanted is asked again when it goes out.
      recheck: { reminderId: r.reminderId },
    },
    dedupeKey: reminderKey(r.reminderId),
    priority: PRIORITY.normal,
    notBefore,
  };
}

/** Marks sent reminders with their outbox rows, in one statement. */
async function markSent(tx: Db, now: Date, sent: Array<{ reminderId: number; outboxId: number | null }>): Promise<void> {
  if (sent.length === 0) return;
  const rows = sql.join(
    sent.map((s) => sql`(${s.reminderId}::int, ${s.outboxId}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${reminders} set status = 'sent', handled_at = ${now.toISOString()}::timestamptz, outbox_id = v.outbox_id
    from (values ${rows}) as v(id, outbox_id) where ${reminders.id} = v.id`);
}

async function markSkipped(tx: Db, now: Date, skipped: Array<{ id: number; reason: string }>): Promise<void> {
  if (skipped.length === 0) return;
  const rows = sql.join(
    skipped.map((s) => sql`(${s.id}::int, ${s.reason}::text)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${reminders} set status = 'skipped', handled_at = ${now.toISOString()}::timestamptz, skip_reason = v.reason
    from (values ${rows}) as v(id, reason) where ${reminders.id} = v.id`);
}

/**
 * Queues the reminders that are due, or, with `pacing`, due within its lead: each is claimed with
 * SKIP LOCKED, turned into an outbox message and marked in one transaction, so with several
 * instances each goes out once and a restart in between neither loses nor repeats it. Late ones
 * are sent only while still useful; one queued ahead is checked again when it goes out
 * (reminder-recheck.ts). A few statements per run, however many reminders.
 */
export async function sendDueReminders(ctx: DomainContext, pacing?: ReminderPacing, limit = 2000): Promise<{ sent: number; skipped: number }> {
  return ctx.db.transaction(async (tx) => {
    const until = new Date(ctx.now.getTime() + (pacing?.aheadMs ?? 0));
    const due = await claimDue(tx, until, limit);
    const toSend: ReminderFacts[] = [];
    const skipped: Array<{ id: number; reason: string }> = [];
    // An "are you coming?" and its nudge both overdue (say, after downtime): one question is enough.
    const asking = new Set(due.filter((r) => r.kind === "ask" && !staleReason(r, ctx.now)).map((r) => r.assignmentId));
    for (const r of due) {
      const reason = staleReason(r, ctx.now) ?? (r.kind === "nudge" && asking.has(r.assignmentId) ? "asked just now" : null);
      if (reason) skipped.push({ id: r.reminderId, reason });
      else toSend.push(r);
    }
    const notBefore = pacing ? sendTimes(toSend.map((r) => r.dueAt), ctx.now, pacing.ratePerSecond) : toSend.map(() => ctx.now);
    // Inserted in send order, so the outbox (which sends by id within a priority) keeps it.
    const inserted = await enqueueMessagesReturning(tx, ctx.now, toSend.map((r, i) => reminderMessage(r, notBefore[i]!)));
    const idOfKey = new Map(inserted.map((row) => [row.dedupeKey, row.id]));
    // A key already queued (never expected: the reminder was pending) keeps its row.
    const missing = toSend.map((r) => reminderKey(r.reminderId)).filter((key) => !idOfKey.has(key));
    if (missing.length > 0) {
      const existing = await tx.select({ id: outbox.id, key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, missing));
      for (const row of existing) idOfKey.set(row.key, row.id);
    }
    await markSent(tx, ctx.now, toSend.map((r) => ({ reminderId: r.reminderId, outboxId: idOfKey.get(reminderKey(r.reminderId)) ?? null })));
    await markSkipped(tx, ctx.now, skipped);
    if (due.length > 0) ctx.logger.info({ sent: toSend.length, skipped: skipped.length }, "reminders handled");
    return { sent: toSend.length, skipped: skipped.length };
  });
}

import { and, asc, eq, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { assignments, outbox, people, reminders, shifts } from "../storage/schema/index.js";
import type { Db } from "../storage/db.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";
import { checkInButtons, replyButtons } from "./shift-buttons.js";

/** Due reminders with what deciding and writing them needs, locked for this transaction. */
function claimDue(tx: Db, now: Date, limit: number) {
  return selectShiftFacts(tx, {
    reminderId: reminders.id,
    kind: reminders.kind,
    assignmentId: assignments.id,
    reply: assignments.reply,
    endedAt: assignments.endedAt,
    checkedInAt: assignments.checkedInAt,
    ...recipientColumns,
  })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .innerJoin(reminders, eq(reminders.assignmentId, assignments.id))
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(reminders.status, "pending"), lte(reminders.dueAt, now)))
    .orderBy(asc(reminders.dueAt))
    .limit(limit)
    .for("update", { of: reminders, skipLocked: true });
}
type Due = Awaited<ReturnType<typeof claimDue>>[number];

/** Why a due reminder is no longer worth sending, or null to send it. */
function staleReason(r: Due, now: Date): string | null {
  if (r.endedAt) return "no longer on the shift";
  if (r.cancelledAt) return "shift cancelled";
  if (r.endsAt <= now) return "shift over";
  if (r.telegramId === null) return "not on Telegram";
  if (r.kind === "checkin") return r.checkedInAt ? "already checked in" : r.reply === "cant" ? "cannot come" : null;
  if (r.startsAt <= now) return "shift started";
  return r.reply ? "already answered" : null;
}

/**
 * Sends the reminders that are due: each is claimed with SKIP LOCKED, turned into an outbox
 * message and marked in one transaction, so with several instances each goes out once and a
 * restart in between neither loses nor repeats it. Late ones are sent only while still useful.
 */
export async function sendDueReminders(ctx: DomainContext, limit = 500): Promise<{ sent: number; skipped: number }> {
  return ctx.db.transaction(async (tx) => {
    const due = await claimDue(tx, ctx.now, limit);
    let sent = 0;
    const skipped: Array<{ id: number; reason: string }> = [];
    // An "are you coming?" and its nudge both overdue (say, after downtime): one question is enough.
    const asking = new Set(due.filter((r) => r.kind === "ask" && !staleReason(r, ctx.now)).map((r) => r.assignmentId));
    for (const r of due) {
      const reason = staleReason(r, ctx.now) ?? (r.kind === "nudge" && asking.has(r.assignmentId) ? "asked just now" : null);
      if (reason) {
        skipped.push({ id: r.reminderId, reason });
        continue;
      }
      await enqueueMessages(tx, ctx.now, [
        {
          to: toRecipient(r)!,
          payload: {
            kind: "message",
            text: { key: `reminder-${r.kind}`, args: shiftArgs(r) },
            buttons: r.kind === "checkin" ? checkInButtons(r.assignmentId) : replyButtons(r.assignmentId),
          },
          dedupeKey: `reminder:${r.reminderId}`,
          priority: PRIORITY.normal,
        },
      ]);
      const [row] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, `reminder:${r.reminderId}`));
      await tx.update(reminders).set({ status: "sent", handledAt: ctx.now, outboxId: row?.id ?? null }).where(eq(reminders.id, r.reminderId));
      sent += 1;
    }
    for (const s of skipped) {
      await tx.update(reminders).set({ status: "skipped", handledAt: ctx.now, skipReason: s.reason }).where(eq(reminders.id, s.id));
    }
    if (sent + skipped.length > 0) ctx.logger.info({ sent, skipped: skipped.length }, "reminders handled");
    return { sent, skipped: skipped.length };
  });
}

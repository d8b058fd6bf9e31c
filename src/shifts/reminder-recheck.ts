import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { DomainContext } from "../domain/context.js";
import type { ClaimedMessage } from "../outbox/claim.js";
import type { DeliveryResult } from "../outbox/record-result.js";
import { reminders } from "../storage/schema/index.js";
import type { Db } from "../storage/db.js";
import { selectReminderFacts, staleReason } from "./reminder-facts.js";

/**
 * Whether a queued reminder is still worth sending now: a volunteer who answered, checked in or
 * left the shift after it was queued must not get it. One that is not is marked skipped, with why;
 * one that is says when it is due.
 */
export async function withdrawStaleReminder(ctx: DomainContext, reminderId: number): Promise<{ withdrawn: string } | { dueAt: Date }> {
  const [r] = await selectReminderFacts(ctx.db).where(eq(reminders.id, reminderId));
  if (!r) return { withdrawn: "reminder gone" };
  if (r.status !== "sent") return { withdrawn: "withdrawn before" };
  const reason = staleReason(r, ctx.now);
  if (!reason) return { dueAt: r.dueAt };
  await ctx.db
    .update(reminders)
    .set({ status: "skipped", skipReason: reason, handledAt: ctx.now })
    .where(and(eq(reminders.id, reminderId), eq(reminders.status, "sent")));
  ctx.logger.info({ reminderId, reason }, "queued reminder withdrawn");
  return { withdrawn: reason };
}

type Deliver = (message: ClaimedMessage) => Promise<DeliveryResult>;

/**
 * Wraps the outbox's deliver: a message that asks for a recheck goes out only if its reminder is
 * still wanted at send time. A withdrawn one is recorded as failed, saying why. The check and the
 * send are not atomic; an answer in the milliseconds between them still gets the reminder, as an
 * answer just after it would.
 */
export function recheckingReminders(
  deps: { db: Db; logger: Logger; clock: () => Date; onSent?: (latenessMs: number) => void },
  deliver: Deliver,
): Deliver {
  return async (message) => {
    const { payload } = message;
    if (payload.kind !== "message" || !payload.recheck) return deliver(message);
    const ctx = { db: deps.db, actor: { type: "system" as const, job: "outbox" }, now: deps.clock(), logger: deps.logger };
    const check = await withdrawStaleReminder(ctx, payload.recheck.reminderId);
    if ("withdrawn" in check) return { status: "failed", error: `reminder withdrawn: ${check.withdrawn}` };
    const result = await deliver(message);
    if (result.status === "sent") deps.onSent?.(deps.clock().getTime() - check.dueAt.getTime());
    return result;
  };
}

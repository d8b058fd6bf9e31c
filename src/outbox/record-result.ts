import { eq, sql } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox, people } from "../storage/schema/index.js";
import { stillClaimed, type ClaimedMessage } from "./claim.js";

/** What became of one send, as the entry point that talked to Telegram classified it. */
export type DeliveryResult =
  | { status: "sent"; messageId?: number }
  /** rateLimited: Telegram said 429, so every send pauses, not just this one. */
  | { status: "retry"; error: string; retryAfterMs?: number; rateLimited?: boolean }
  | { status: "failed"; error: string }
  | { status: "unreachable"; error: string };

export const MAX_ATTEMPTS = 8;

/** Exponential backoff for transient errors: 2 s, 4 s, … capped at 5 min. */
export const backoffMs = (attempt: number) => Math.min(2000 * 2 ** (attempt - 1), 300_000);

export async function recordDelivery(db: Db, now: Date, message: ClaimedMessage, result: DeliveryResult): Promise<void> {
  await db.transaction(async (tx) => {
    switch (result.status) {
      case "sent":
        await tx
          .update(outbox)
          .set({ status: "sent", sentMessageId: result.messageId ?? null, finishedAt: now, leaseUntil: null, lastError: null })
          .where(stillClaimed(message));
        return;
      case "retry": {
        if (message.attempt >= MAX_ATTEMPTS && result.retryAfterMs === undefined) {
          await tx.update(outbox).set({ status: "failed", lastError: result.error, finishedAt: now, leaseUntil: null }).where(stillClaimed(message));
          return;
        }
        const wait = result.retryAfterMs ?? backoffMs(message.attempt);
        // A 429 is not the message's fault: give the attempt back so rate limits never exhaust it.
        await tx
          .update(outbox)
          .set({
            status: "pending",
            notBefore: new Date(now.getTime() + wait),
            leaseUntil: null,
            lastError: result.error,
            attempts: result.retryAfterMs === undefined ? sql`${outbox.attempts}` : sql`${outbox.attempts} - 1`,
          })
          .where(stillClaimed(message));
        return;
      }
      case "failed":
        await tx.update(outbox).set({ status: "failed", lastError: result.error, finishedAt: now, leaseUntil: null }).where(stillClaimed(message));
        return;
      case "unreachable":
        await tx
          .update(outbox)
          .set({ status: "unreachable", lastError: result.error, finishedAt: now, leaseUntil: null })
          .where(stillClaimed(message));
        if (message.personId !== null) {
          await tx.update(people).set({ unreachableAt: now }).where(eq(people.id, message.personId));
        }
        return;
    }
  });
}

/** Gives an unsent claim back, e.g. on shutdown, so the next run need not wait out the lease. */
export async function releaseClaim(db: Db, message: ClaimedMessage): Promise<void> {
  await db
    .update(outbox)
    .set({ status: "pending", leaseUntil: null, attempts: sql`${outbox.attempts} - 1` })
    .where(stillClaimed(message));
}

/**
 * Records many successful sends in one statement. Successes are nearly all results, and one
 * transaction per message would cap a district-wide send at the database's commit rate.
 */
export async function recordSentBatch(db: Db, now: Date, sent: Array<{ message: ClaimedMessage; messageId?: number }>): Promise<void> {
  if (sent.length === 0) return;
  const rows = sql.join(
    sent.map(({ message, messageId }) => sql`(${message.id}::bigint, ${message.attempt}::int, ${messageId ?? null}::int)`),
    sql`, `,
  );
  await db.execute(sql`
    update ${outbox} set status = 'sent', sent_message_id = v.mid, finished_at = ${now.toISOString()}::timestamptz,
      lease_until = null, last_error = null
    from (values ${rows}) as v(id, attempt, mid)
    where ${outbox.id} = v.id and ${outbox.attempts} = v.attempt and ${outbox.status} = 'sending'`);
}

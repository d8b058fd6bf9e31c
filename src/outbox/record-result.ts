import { eq, sql, type SQL } from "drizzle-orm";
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

/** Sends that need no retry, gathered to be written down together. */
export interface SettledBatch {
  sent: Array<{ message: ClaimedMessage; messageId?: number }>;
  /** The recipient blocked the bot or is gone: the message ends unreachable and so does the person. */
  unreachable: Array<{ message: ClaimedMessage; error: string }>;
}

/**
 * Records many settled sends in one statement. Successes are nearly all results, and a district
 * has a share of people who blocked the bot; one transaction per message would cap a district-wide
 * send at the database's commit rate. The rows are passed as arrays, three or four parameters
 * whatever their number. A row is written only while still claimed by this attempt, as in
 * recordDelivery; a crash before this runs leaves it claimed, and after its lease it is sent again.
 */
export async function recordSettledBatch(db: Db, now: Date, batch: SettledBatch): Promise<void> {
  const { sent, unreachable } = batch;
  if (sent.length === 0 && unreachable.length === 0) return;
  const at = sql`${now.toISOString()}::timestamptz`;
  const parts: SQL[] = [];
  if (sent.length > 0) {
    parts.push(sql`sent as (
      update ${outbox} set status = 'sent', sent_message_id = v.mid, finished_at = ${at}, lease_until = null, last_error = null
      from unnest(${pgArray(sent.map((s) => s.message.id))}::bigint[], ${pgArray(sent.map((s) => s.message.attempt))}::int[],
        ${pgArray(sent.map((s) => s.messageId ?? null))}::int[]) as v(id, attempt, mid)
      where ${outbox.id} = v.id and ${outbox.attempts} = v.attempt and ${outbox.status} = 'sending'
      returning 1)`);
  }
  if (unreachable.length > 0) {
    parts.push(sql`unreachable as (
      update ${outbox} set status = 'unreachable', last_error = v.error, finished_at = ${at}, lease_until = null
      from unnest(${pgArray(unreachable.map((u) => u.message.id))}::bigint[], ${pgArray(unreachable.map((u) => u.message.attempt))}::int[],
        ${pgArray(unreachable.map((u) => u.error))}::text[]) as v(id, attempt, error)
      where ${outbox.id} = v.id and ${outbox.attempts} = v.attempt and ${outbox.status} = 'sending'
      returning ${outbox.personId} as person_id)`);
    parts.push(sql`people_marked as (
      update ${people} set unreachable_at = ${at} where ${people.id} in (select person_id from unreachable)
      returning 1)`);
  }
  await db.execute(sql`with ${sql.join(parts, sql`, `)} select 1`);
}

/**
 * An array as one text parameter in PostgreSQL's literal form, the same for both drivers (postgres.js
 * and PGlite serialise JavaScript arrays differently). Numbers as they are; texts quoted.
 */
function pgArray(values: Array<number | string | null>): string {
  const items = values.map((v) => (v === null ? "NULL" : typeof v === "number" ? String(v) : `"${v.replace(/[\\"]/g, "\\$&")}"`));
  return `{${items.join(",")}}`;
}

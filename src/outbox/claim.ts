import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { outboxPayloadSchema, type OutboxPayload } from "./payload.js";

export interface ClaimedMessage {
  id: number;
  chatId: number;
  personId: number | null;
  locale: string;
  payload: OutboxPayload;
  groupKey: string | null;
  /** The claim's token: results are recorded only if nobody re-claimed the row meanwhile. */
  attempt: number;
}

/**
 * Claims due rows for this dispatcher. A row whose lease ran out (its dispatcher died mid-send)
 * is due again. SKIP LOCKED lets several instances claim side by side without waiting.
 */
export async function claimDueMessages(db: Db, now: Date, limit: number, leaseMs: number): Promise<ClaimedMessage[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // Raw SQL: postgres.js takes instants as ISO strings here, not Date objects.
  type Row = {
    id: string | number;
    chat_id: string | number;
    person_id: number | null;
    locale: string;
    payload: unknown;
    group_key: string | null;
    attempts: number;
  };
  const rows = await db.execute(sql`
    update ${outbox} set status = 'sending', lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = ${outbox.attempts} + 1
    where ${outbox.id} in (
      select id from ${outbox}
      where (status = 'pending' and not_before <= ${now.toISOString()}::timestamptz)
         or (status = 'sending' and lease_until < ${now.toISOString()}::timestamptz)
      order by priority desc, id
      limit ${limit}
      for update skip locked
    )
    returning id, chat_id, person_id, locale, payload, group_key, attempts`);
  return rowsOf<Row>(rows)
    .map((r) => ({
      id: Number(r.id),
      chatId: Number(r.chat_id),
      personId: r.person_id,
      locale: r.locale,
      payload: outboxPayloadSchema.parse(typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload),
      groupKey: r.group_key,
      attempt: r.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/** postgres.js returns an array; PGlite returns { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export const stillClaimed = (m: Pick<ClaimedMessage, "id" | "attempt">) =>
  and(eq(outbox.id, m.id), eq(outbox.status, "sending"), eq(outbox.attempts, m.attempt));

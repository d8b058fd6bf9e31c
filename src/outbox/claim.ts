import { and, eq, sql, type SQL } from "drizzle-orm";
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
 * is due again, unless it is one of `holding`: rows this dispatcher claimed and has not written
 * down yet, which it is still sending or recording (re-claiming one of them raced its own write).
 * SKIP LOCKED lets several instances claim side by side without waiting.
 */
export async function claimDueMessages(db: Db, now: Date, limit: number, leaseMs: number, holding: readonly number[] = []): Promise<ClaimedMessage[]> {
  type Row = {
    id: string | number;
    chat_id: string | number;
    person_id: number | null;
    locale: string;
    payload: unknown;
    group_key: string | null;
    attempts: number;
  };
  const rows = await db.execute(claimStatement(now, limit, leaseMs, holding));
  const payloadOf = sharedPayloads();
  return rowsOf<Row>(rows)
    .map((r) => ({
      id: Number(r.id),
      chatId: Number(r.chat_id),
      personId: r.person_id,
      locale: r.locale,
      payload: payloadOf(r.payload),
      groupKey: r.group_key,
      attempt: r.attempts,
    }))
    .sort((a, b) => a.id - b.id);
}

/**
 * The thousands of copies of a broadcast carry one or two payloads. The claim reads each payload
 * as text and parses every distinct one once, so the copies share one (read-only) object: less
 * parsing and garbage, and the sender can render a shared text once per language.
 */
function sharedPayloads(): (raw: unknown) => OutboxPayload {
  const parsed = new Map<string, OutboxPayload>();
  return (raw) => {
    if (typeof raw !== "string") return outboxPayloadSchema.parse(raw);
    let payload = parsed.get(raw);
    if (!payload) parsed.set(raw, (payload = outboxPayloadSchema.parse(JSON.parse(raw))));
    return payload;
  };
}

/** The claim as one statement (exported so bench/claim-plan.ts can EXPLAIN it). */
export function claimStatement(now: Date, limit: number, leaseMs: number, holding: readonly number[] = []): SQL {
  // Raw SQL: postgres.js takes instants as ISO strings here, not Date objects.
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const at = sql`${now.toISOString()}::timestamptz`;
  // Two reads, each in the order of its partial index, so neither sorts the pending rows: due
  // messages by outbox_claim_idx (priority desc, id), whose first rows are the ones to send, and
  // expired leases by outbox_leased_idx. Together at most twice the limit, and only after a crash.
  return sql`
    with due as (
      select id from ${outbox}
      where status = 'pending' and not_before <= ${at}
      order by priority desc, id
      limit ${limit}
      for update skip locked
    ), expired as (
      select id from ${outbox}
      where status = 'sending' and lease_until < ${at}${holding.length > 0 ? sql` and id not in (${sql.join(holding.map((id) => sql`${id}`), sql`, `)})` : sql``}
      order by lease_until
      limit ${limit}
      for update skip locked
    )
    update ${outbox} set status = 'sending', lease_until = ${leaseUntil.toISOString()}::timestamptz, attempts = ${outbox.attempts} + 1
    where ${outbox.id} in (select id from due union all select id from expired)
    returning id, chat_id, person_id, locale, payload::text as payload, group_key, attempts`;
}

/** postgres.js returns an array; PGlite returns { rows }. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export const stillClaimed = (m: Pick<ClaimedMessage, "id" | "attempt">) =>
  and(eq(outbox.id, m.id), eq(outbox.status, "sending"), eq(outbox.attempts, m.attempt));

import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { noteEnqueued } from "./enqueue-notice.js";
import { outboxPayloadSchema, type OutboxPayload } from "./payload.js";

export interface Recipient {
  personId: number | null;
  chatId: number;
  locale: string;
}

export interface OutboxMessage {
  to: Recipient;
  payload: OutboxPayload;
  /** Same key, same message: a redelivered update does not enqueue it twice. */
  dedupeKey?: string;
  groupKey?: string;
  /** Higher goes first; interactive notices outrank bulk broadcasts. */
  priority?: number;
  notBefore?: Date;
}

export const PRIORITY = { bulk: 0, normal: 5, urgent: 10 } as const;

/** Call inside the transaction that made the change the message tells about. */
export async function enqueueMessages(tx: Db, now: Date, messages: OutboxMessage[]): Promise<number> {
  return (await enqueueMessagesReturning(tx, now, messages)).length;
}

/** The same, saying which rows were new (a dedupe key already queued returns nothing). */
export async function enqueueMessagesReturning(tx: Db, now: Date, messages: OutboxMessage[]): Promise<Array<{ id: number; dedupeKey: string | null }>> {
  if (messages.length === 0) return [];
  const rows = messages.map((m) => ({
    chatId: m.to.chatId,
    personId: m.to.personId,
    locale: m.to.locale,
    payload: outboxPayloadSchema.parse(m.payload),
    dedupeKey: m.dedupeKey ?? null,
    groupKey: m.groupKey ?? null,
    priority: m.priority ?? PRIORITY.normal,
    notBefore: m.notBefore ?? now,
    createdAt: now,
  }));
  const inserted: Array<{ id: number; dedupeKey: string | null }> = [];
  // Chunked so a district-wide send stays under PostgreSQL's bind-parameter limit.
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = await tx
      .insert(outbox)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id, dedupeKey: outbox.dedupeKey });
    inserted.push(...chunk);
  }
  if (inserted.length > 0) noteEnqueued();
  return inserted;
}

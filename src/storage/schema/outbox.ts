import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { people } from "./people.js";

export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "unreachable"]);

/**
 * Every message that is not a direct reply. Dispatchers on any number of instances claim rows
 * with FOR UPDATE SKIP LOCKED and a lease; a lease that runs out (crash) makes the row claimable
 * again, so at most the one send in flight at a crash can be repeated.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    chatId: bigint({ mode: "number" }).notNull(),
    personId: integer().references(() => people.id),
    locale: text().notNull(),
    /** A serialised OutboxPayload; rendered in the recipient's language when sent. */
    payload: jsonb().notNull(),
    /** Makes enqueueing idempotent when Telegram redelivers the update that caused it. */
    dedupeKey: text().unique(),
    /** All copies of one card share a group, so the card can be edited everywhere at once. */
    groupKey: text(),
    priority: smallint().notNull().default(0),
    status: outboxStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    notBefore: timestamp({ withTimezone: true }).notNull(),
    leaseUntil: timestamp({ withTimezone: true }),
    sentMessageId: integer(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The claim's own order, so it reads the first due rows instead of sorting every pending one.
    index("outbox_claim_idx").on(t.priority.desc().nullsFirst(), t.id).where(sql`${t.status} = 'pending'`),
    index("outbox_leased_idx").on(t.leaseUntil).where(sql`${t.status} = 'sending'`),
    index("outbox_group_idx").on(t.groupKey).where(sql`${t.groupKey} is not null`),
    index("outbox_chat_message_idx").on(t.chatId, t.sentMessageId).where(sql`${t.sentMessageId} is not null`),
  ],
);

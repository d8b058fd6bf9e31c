import { sql } from "drizzle-orm";
import { bigint, index, jsonb, integer, pgEnum, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { responseLevels } from "./levels.js";
import { teams, towns } from "./org.js";
import { people } from "./people.js";

/** Who a broadcast goes to; a town narrows everyone, leaders and tonight's volunteers to it. */
export const broadcastAudience = pgEnum("broadcast_audience", ["everyone", "town", "team", "leaders", "tonight"]);

/**
 * A message to many people. Its recipients are rows written with their outbox messages in one
 * transaction, so a crash mid-send loses nobody: the outbox resumes, and every recipient ends
 * sent, failed or unreachable.
 */
export const broadcasts = pgTable(
  "broadcasts",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    senderId: integer().references(() => people.id),
    audience: broadcastAudience().notNull(),
    townId: integer().references(() => towns.id),
    teamId: integer().references(() => teams.id),
    text: text().notNull(),
    /** What recipients see (an OutboxPayload text), sent again when a leader nudges. */
    content: jsonb().notNull(),
    photoFileId: text(),
    /** Set when the broadcast announces a change of response level. */
    responseLevelId: integer().references(() => responseLevels.id),
    recipientCount: integer().notNull(),
    /** The sender's progress message, edited in place while the broadcast goes out. */
    progressOutboxId: bigint({ mode: "number" }),
    /** The figures last shown, so the progress message is edited only when they change. */
    progressShown: text(),
    /** Makes Send idempotent when Telegram redelivers the press. */
    dedupeKey: text().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /**
     * When every recipient had their outbox message. The copies are written in chunks, the first
     * with the broadcast; until then a recipient without a message is still pending.
     */
    queuedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("broadcasts_unfinished_idx").on(t.id).where(sql`${t.finishedAt} is null`),
    index("broadcasts_unqueued_idx").on(t.id).where(sql`${t.queuedAt} is null`),
  ],
);

export const broadcastRecipients = pgTable(
  "broadcast_recipients",
  {
    broadcastId: integer()
      .notNull()
      .references(() => broadcasts.id),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /**
     * Null until their chunk is written; null for good for someone known to have blocked the bot
     * (or forgotten) by then: counted unreachable, not sent.
     */
    outboxId: bigint({ mode: "number" }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    /** When a leader last nudged them, so a redelivered nudge is not sent twice. */
    nudgedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.broadcastId, t.personId] }),
    index("broadcast_recipients_person_idx").on(t.personId),
    index("broadcast_recipients_unqueued_idx").on(t.broadcastId, t.personId).where(sql`${t.outboxId} is null`),
  ],
);

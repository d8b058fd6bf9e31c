import { bigint, index, integer, pgEnum, pgTable, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { people } from "./people.js";
import { shifts } from "./shifts.js";

export const logEntryKind = pgEnum("log_entry_kind", ["text", "photo", "voice"]);

/**
 * Tonight's duty log as the leader wrote it: each message they sent during the shift (and a while
 * after) is an entry. Telegram's chat and message ids make a redelivered message one entry.
 */
export const dutyLogEntries = pgTable(
  "duty_log_entries",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    shiftId: integer()
      .notNull()
      .references(() => shifts.id),
    authorId: integer()
      .notNull()
      .references(() => people.id),
    chatId: bigint({ mode: "number" }).notNull(),
    messageId: integer().notNull(),
    kind: logEntryKind().notNull(),
    text: text(),
    fileId: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique("duty_log_entries_message_key").on(t.chatId, t.messageId), index("duty_log_entries_shift_idx").on(t.shiftId)],
);

/**
 * The night's figures: read from the log's text, then confirmed or corrected by the leader.
 * Null means not said.
 */
export const dutyLogCounts = pgTable("duty_log_counts", {
  shiftId: integer()
    .primaryKey()
    .references(() => shifts.id),
  onPatrol: smallint(),
  hazards: smallint(),
  tips: smallint(),
  helped: smallint(),
  disputes: smallint(),
  /** Set by ✅ Correct or by a fix; a later message changes the figures again and clears it. */
  confirmedAt: timestamp({ withTimezone: true }),
  confirmedBy: integer().references(() => people.id),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

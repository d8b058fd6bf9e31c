import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Conversation (dialog) state, so a restart in the middle of a dialog loses nothing. */
export const dialogState = pgTable("dialog_state", {
  key: text().primaryKey(),
  state: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

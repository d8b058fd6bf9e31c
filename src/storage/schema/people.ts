import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

/**
 * A person, whether they came through Telegram or a recruitment spreadsheet.
 * Imported people have no telegram_id until they share a matching phone.
 */
export const people = pgTable(
  "people",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    telegramId: bigint({ mode: "number" }),
    name: text(),
    /** The name on the Telegram profile, shown for people who never gave one (staff granted a role). */
    telegramName: text(),
    /** Normalised: digits only, with a leading + when international. */
    phone: text(),
    /** null means: follow the Telegram client's language. */
    locale: text(),
    /** The Telegram client's language_code, so messages we start are in a language they read. */
    clientLanguage: text(),
    affiliation: text(),
    affiliationKind: text(),
    consentAt: timestamp({ withTimezone: true }),
    /** Set when Telegram says the user blocked the bot; such people count as unreachable. */
    unreachableAt: timestamp({ withTimezone: true }),
    forgottenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("people_telegram_id_key").on(t.telegramId),
    index("people_phone_idx").on(t.phone).where(sql`${t.phone} is not null`),
  ],
);

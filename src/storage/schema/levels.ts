import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { towns } from "./org.js";
import { people } from "./people.js";

/** The security response level; each duty has a headcount for each (normal 4, heightened 8, level 1 8). */
export const responseLevel = pgEnum("response_level", ["normal", "heightened", "level1"]);

/**
 * A level set by a coordinator, for the district (no town) or one town, from a time until a time or
 * until the next change for the same scope (which then sets `endsAt`).
 */
export const responseLevels = pgTable(
  "response_levels",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    level: responseLevel().notNull(),
    townId: integer().references(() => towns.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }),
    message: text(),
    setBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("response_levels_scope_idx").on(t.townId, t.startsAt)],
);

export const specialDayKind = pgEnum("special_day_kind", ["social_patrol_day", "holiday"]);

/** Social patrol days and public holidays raise the whole district's level for that night. */
export const specialDays = pgTable(
  "special_days",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    night: date({ mode: "string" }).notNull(),
    kind: specialDayKind().notNull(),
    name: text().notNull(),
    level: responseLevel().notNull().default("level1"),
    createdBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("special_days_night_key").on(t.night)],
);

import { date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { people } from "./people.js";

/**
 * Every service-hours statement issued, with the figures it showed, so a number a volunteer
 * quotes to a school or employer ("NH-S-2027-000042") can be looked up and checked.
 */
export const serviceStatements = pgTable(
  "service_statements",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    number: text().notNull().unique(),
    /** Names the request (a button press), so a redelivered press issues one statement. */
    clientKey: text().notNull().unique(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    /** The nights covered; from is null for "all time". */
    periodFrom: date({ mode: "string" }),
    periodTo: date({ mode: "string" }).notNull(),
    nights: integer().notNull(),
    minutes: integer().notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("service_statements_person_idx").on(t.personId)],
);

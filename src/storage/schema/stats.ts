import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { people } from "./people.js";

/**
 * Every service-hours statement issued, with the figures it showed, so a number a volunteer
 * quotes to a school or employer ("NH-S-2027-000042-7KQ3MX") can be looked up and checked, by
 * /statement or on the verification page its QR code opens.
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
    /** The total printed, in tenths of an hour: the sum of the rows as printed (each rounded to 0.1 h). */
    hoursTenths: integer().notNull(),
    /** Teams the listed nights were served with, in order of first night. */
    teams: jsonb().$type<string[]>().notNull().default([]),
    /**
     * SHA-256 of the period and the rows as printed: the same person asking again for the same
     * certificate gets the same number. Null for statements issued before digests were kept.
     */
    rowsDigest: text(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("service_statements_person_idx").on(t.personId), uniqueIndex("service_statements_person_digest_idx").on(t.personId, t.rowsDigest)],
);

import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { teams } from "./org.js";
import { people } from "./people.js";
import { shifts } from "./shifts.js";

/**
 * A town supervisor's or coordinator's visit to a team on patrol: whether the team was out, how
 * many were there, what they found and a rating. The week's visits feed the weekly review.
 */
export const spotChecks = pgTable(
  "spot_checks",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    /** The team's shift under way at the visit, when there was one. */
    shiftId: integer().references(() => shifts.id),
    /** The night the visit counts for: the shift's, or the local date (a visit after midnight belongs to the night before). */
    night: date({ mode: "string" }).notNull(),
    visitorId: integer()
      .notNull()
      .references(() => people.id),
    visitedAt: timestamp({ withTimezone: true }).notNull(),
    teamOut: boolean().notNull(),
    presentCount: smallint().notNull(),
    findings: text().notNull(),
    rating: smallint().notNull(),
    /** Names the confirmation that recorded it: the same Confirm delivered twice stores one visit. */
    clientKey: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    check("spot_checks_rating_range", sql`${t.rating} between 1 and 5`),
    check("spot_checks_present_range", sql`${t.presentCount} between 0 and 99`),
    index("spot_checks_night_team_idx").on(t.night, t.teamId),
  ],
);

/** Photos of a visit's findings, in the order they were sent. */
export const spotCheckPhotos = pgTable(
  "spot_check_photos",
  {
    spotCheckId: integer()
      .notNull()
      .references(() => spotChecks.id),
    position: smallint().notNull(),
    fileId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.spotCheckId, t.position] })],
);

/** What every team was issued: vests, caps, red armbands, a first-aid kit and a duty logbook. */
export const kitItem = pgEnum("kit_item", ["vest", "cap", "armband", "first_aid_kit", "logbook"]);
export const kitRequestKind = pgEnum("kit_request_kind", ["missing", "worn"]);

/** How many of each item a team holds, as its leader last counted them. */
export const kitHoldings = pgTable(
  "kit_holdings",
  {
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    item: kitItem().notNull(),
    quantity: smallint().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedBy: integer().references(() => people.id),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.item] }), check("kit_holdings_quantity_range", sql`${t.quantity} >= 0`)],
);

/** A leader's report of items missing or worn out, open until a coordinator marks it handled. */
export const kitRequests = pgTable(
  "kit_requests",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    item: kitItem().notNull(),
    kind: kitRequestKind().notNull(),
    quantity: smallint().notNull(),
    note: text(),
    requestedBy: integer()
      .notNull()
      .references(() => people.id),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    handledBy: integer().references(() => people.id),
    handledAt: timestamp({ withTimezone: true }),
    /** Names the dialog step that sent it, so a redelivered answer stores one request. */
    clientKey: text().notNull().unique(),
  },
  (t) => [
    check("kit_requests_quantity_range", sql`${t.quantity} > 0`),
    index("kit_requests_open_idx").on(t.teamId).where(sql`${t.handledAt} is null`),
  ],
);

import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgEnum, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";
import { teams, towns } from "./org.js";
import { people } from "./people.js";
import { shifts } from "./shifts.js";

/** What was found on patrol (or sent in by a resident). */
export const incidentCategory = pgEnum("incident_category", ["tip", "hazard", "assistance", "dispute", "suspicious", "emergency"]);
/** open: nobody owns it yet; forwarded: handed to the police, still owned by whoever forwarded it. */
export const incidentStatus = pgEnum("incident_status", ["open", "acknowledged", "forwarded", "resolved"]);
export const tipVerdict = pgEnum("tip_verdict", ["useful", "not_useful"]);

export const incidents = pgTable(
  "incidents",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Shown to people: "NH-2026-000123". */
    ref: text().notNull().unique(),
    /** Identifies the dialog that submitted it, so a redelivered confirmation stores nothing twice. */
    clientKey: text().notNull().unique(),
    category: incidentCategory().notNull(),
    status: incidentStatus().notNull().default("open"),
    reporterPersonId: integer().references(() => people.id),
    /** Sent by someone who is not a member of any team (a resident). */
    public: boolean().notNull().default(false),
    teamId: integer().references(() => teams.id),
    townId: integer().references(() => towns.id),
    shiftId: integer().references(() => shifts.id),
    description: text(),
    voiceFileId: text(),
    latitude: doublePrecision(),
    longitude: doublePrecision(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    /** Who owns it: set by the first acknowledgement (or by forwarding or resolving an unowned one). */
    ownerPersonId: integer().references(() => people.id),
    acknowledgedAt: timestamp({ withTimezone: true }),
    forwardedAt: timestamp({ withTimezone: true }),
    forwardedBy: integer().references(() => people.id),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: integer().references(() => people.id),
    resolutionNote: text(),
    verdict: tipVerdict(),
    verdictAt: timestamp({ withTimezone: true }),
    verdictBy: integer().references(() => people.id),
  },
  (t) => [
    index("incidents_reporter_idx").on(t.reporterPersonId, t.createdAt),
    index("incidents_team_idx").on(t.teamId, t.createdAt),
    index("incidents_unresolved_idx").on(t.category).where(sql`${t.resolvedAt} is null`),
  ],
);

/** Photos attached to a report, in the order they were sent. */
export const incidentPhotos = pgTable(
  "incident_photos",
  {
    incidentId: integer()
      .notNull()
      .references(() => incidents.id),
    position: smallint().notNull(),
    fileId: text().notNull(),
  },
  (t) => [index("incident_photos_incident_idx").on(t.incidentId, t.position)],
);

import { alias } from "drizzle-orm/pg-core";
import { asc, between, eq, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { incidents, people, shifts, teams, towns } from "../storage/schema/index.js";
import { localTime, type ExportKind } from "./export-kind.js";

/**
 * One row per report. A report belongs to the night of the shift it was made on (one sent at
 * 00:30 from a patrol belongs to the evening before), otherwise to the local date it was made.
 */
export const incidentsExport: ExportKind = {
  columns: [
    "ref", "night", "created_at", "category", "status", "public", "town", "team", "reporter", "description", "latitude", "longitude",
    "owner", "acknowledged_at", "forwarded_at", "resolved_at", "resolution_note", "verdict", "verdict_at",
  ],
  codes: ["category", "status", "verdict"],
  rows(db, range, { timeZone }) {
    const reporter = alias(people, "reporter");
    const owner = alias(people, "owner");
    const night = sql<string>`coalesce(${shifts.night}, (${incidents.createdAt} at time zone ${timeZone})::date)`;
    return db
      .select({
        ref: incidents.ref,
        night: sql<string>`${night}::text`,
        created_at: localTime(incidents.createdAt, timeZone),
        category: incidents.category,
        status: incidents.status,
        public: incidents.public,
        town: towns.name,
        team: teams.name,
        reporter: displayName(reporter),
        description: incidents.description,
        latitude: incidents.latitude,
        longitude: incidents.longitude,
        owner: displayName(owner),
        acknowledged_at: localTime(incidents.acknowledgedAt, timeZone),
        forwarded_at: localTime(incidents.forwardedAt, timeZone),
        resolved_at: localTime(incidents.resolvedAt, timeZone),
        resolution_note: incidents.resolutionNote,
        verdict: incidents.verdict,
        verdict_at: localTime(incidents.verdictAt, timeZone),
      })
      .from(incidents)
      .leftJoin(shifts, eq(shifts.id, incidents.shiftId))
      .leftJoin(towns, eq(towns.id, incidents.townId))
      .leftJoin(teams, eq(teams.id, incidents.teamId))
      .leftJoin(reporter, eq(reporter.id, incidents.reporterPersonId))
      .leftJoin(owner, eq(owner.id, incidents.ownerPersonId))
      .where(between(night, range.from, range.to))
      .orderBy(asc(night), asc(incidents.createdAt), asc(incidents.id));
  },
};

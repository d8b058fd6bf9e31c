import { between, eq, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { served, servedMinutes } from "../stats/served-time.js";
import { assignments, communities, duties, people, shifts, teams, towns } from "../storage/schema/index.js";
import { byNightAndPlace, localTime, type ExportKind } from "./export-kind.js";

/**
 * One row per person put on a shift, including those who gave the place up or were taken off
 * (ended_at, ended_reason), with their check-in, check-out and the hours that count (the rule
 * of /stats and the statements: see served-time.ts; empty when the night does not count).
 */
export const attendanceExport: ExportKind = {
  columns: [
    "night", "town", "community", "team", "duty", "person_id", "name", "affiliation", "source", "reply", "late_minutes",
    "checked_in_at", "checked_out_at", "auto_checked_out", "marked_present", "no_show_at", "ended_at", "ended_reason", "hours",
  ],
  codes: ["source", "reply", "ended_reason"],
  numbers: ["hours"],
  rows(db, range, { timeZone, now }) {
    return db
      .select({
        night: assignments.night,
        town: towns.name,
        community: communities.name,
        team: teams.name,
        duty: duties.name,
        person_id: assignments.personId,
        name: displayName(people),
        affiliation: people.affiliation,
        source: assignments.source,
        reply: assignments.reply,
        late_minutes: assignments.lateMinutes,
        checked_in_at: localTime(assignments.checkedInAt, timeZone),
        checked_out_at: localTime(assignments.checkedOutAt, timeZone),
        auto_checked_out: assignments.autoCheckedOut,
        marked_present: sql<boolean>`${assignments.markedPresentBy} is not null`,
        no_show_at: localTime(assignments.noShowAt, timeZone),
        ended_at: localTime(assignments.endedAt, timeZone),
        ended_reason: assignments.endedReason,
        hours: sql<string | null>`case when ${served} then round(${servedMinutes(now)} / 60.0, 2)::text end`,
      })
      .from(assignments)
      .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
      .innerJoin(duties, eq(duties.id, shifts.dutyId))
      .innerJoin(teams, eq(teams.id, shifts.teamId))
      .innerJoin(communities, eq(communities.id, teams.communityId))
      .innerJoin(towns, eq(towns.id, communities.townId))
      .innerJoin(people, eq(people.id, assignments.personId))
      // Through the shifts of the range, so the assignments are found by their shift.
      .where(between(shifts.night, range.from, range.to))
      .orderBy(...byNightAndPlace(assignments.id));
  },
};

import { and, between, eq, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { assignments, communities, duties, people, shifts, teams, towns } from "../storage/schema/index.js";
import { byNightAndPlace, localTime, type ExportKind } from "./export-kind.js";

/** One row per shift: where, when, how many were needed, on the roster, checked in and absent. */
export const shiftsExport: ExportKind = {
  columns: ["night", "town", "community", "team", "duty", "location", "starts_at", "ends_at", "required", "on_roster", "checked_in", "no_shows", "shift_leader", "log_closed_at", "cancelled_at"],
  async rows(db, range, { timeZone }) {
    const roster = db
      .select({
        shiftId: assignments.shiftId,
        onRoster: sql<number>`count(*) filter (where ${assignments.endedAt} is null)`.as("on_roster"),
        checkedIn: sql<number>`count(*) filter (where ${assignments.endedAt} is null and ${assignments.checkedInAt} is not null)`.as("checked_in"),
        noShows: sql<number>`count(*) filter (where ${assignments.endedAt} is null and ${assignments.noShowAt} is not null)`.as("no_shows"),
      })
      .from(assignments)
      .where(between(assignments.night, range.from, range.to))
      .groupBy(assignments.shiftId)
      .as("roster");
    return db
      .select({
        night: shifts.night,
        town: towns.name,
        community: communities.name,
        team: teams.name,
        duty: duties.name,
        location: duties.location,
        starts_at: localTime(shifts.startsAt, timeZone),
        ends_at: localTime(shifts.endsAt, timeZone),
        required: shifts.required,
        on_roster: sql<number>`coalesce(${roster.onRoster}, 0)`.mapWith(Number),
        checked_in: sql<number>`coalesce(${roster.checkedIn}, 0)`.mapWith(Number),
        no_shows: sql<number>`coalesce(${roster.noShows}, 0)`.mapWith(Number),
        shift_leader: displayName(people),
        log_closed_at: localTime(shifts.logClosedAt, timeZone),
        cancelled_at: localTime(shifts.cancelledAt, timeZone),
      })
      .from(shifts)
      .innerJoin(duties, eq(duties.id, shifts.dutyId))
      .innerJoin(teams, eq(teams.id, shifts.teamId))
      .innerJoin(communities, eq(communities.id, teams.communityId))
      .innerJoin(towns, eq(towns.id, communities.townId))
      .leftJoin(people, eq(people.id, shifts.leaderPersonId))
      .leftJoin(roster, eq(roster.shiftId, shifts.id))
      .where(and(between(shifts.night, range.from, range.to)))
      .orderBy(...byNightAndPlace(shifts.id));
  },
};

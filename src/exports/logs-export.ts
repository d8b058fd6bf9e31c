import { and, between, eq, isNotNull, or, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { communities, duties, dutyLogCounts, dutyLogEntries, people, shifts, teams, towns } from "../storage/schema/index.js";
import { byNightAndPlace, localTime, type ExportKind } from "./export-kind.js";

/**
 * One row per shift whose leader wrote a log: the figures (as confirmed or corrected), how many
 * messages, photos and voice notes, and the text, entry by entry on its own line. A shift with no
 * log at all shows in the shifts export (log_closed_at empty).
 */
export const logsExport: ExportKind = {
  columns: [
    "night", "town", "community", "team", "duty", "shift_leader", "on_patrol", "hazards", "tips", "helped", "disputes",
    "figures_confirmed_at", "log_closed_at", "messages", "photos", "voice_notes", "text",
  ],
  rows(db, range, { timeZone }) {
    const entries = db
      .select({
        shiftId: dutyLogEntries.shiftId,
        messages: sql<number>`count(*) filter (where ${dutyLogEntries.kind} = 'text')`.as("messages"),
        photos: sql<number>`count(*) filter (where ${dutyLogEntries.kind} = 'photo')`.as("photos"),
        voices: sql<number>`count(*) filter (where ${dutyLogEntries.kind} = 'voice')`.as("voice_notes"),
        text: sql<string | null>`string_agg(${dutyLogEntries.text}, E'\n' order by ${dutyLogEntries.createdAt}, ${dutyLogEntries.id})`.as("text"),
      })
      .from(dutyLogEntries)
      .innerJoin(shifts, eq(shifts.id, dutyLogEntries.shiftId))
      .where(between(shifts.night, range.from, range.to))
      .groupBy(dutyLogEntries.shiftId)
      .as("entries");
    const count = (n: typeof entries.messages) => sql<number>`coalesce(${n}, 0)`.mapWith(Number);
    return db
      .select({
        night: shifts.night,
        town: towns.name,
        community: communities.name,
        team: teams.name,
        duty: duties.name,
        shift_leader: displayName(people),
        on_patrol: dutyLogCounts.onPatrol,
        hazards: dutyLogCounts.hazards,
        tips: dutyLogCounts.tips,
        helped: dutyLogCounts.helped,
        disputes: dutyLogCounts.disputes,
        figures_confirmed_at: localTime(dutyLogCounts.confirmedAt, timeZone),
        log_closed_at: localTime(shifts.logClosedAt, timeZone),
        messages: count(entries.messages),
        photos: count(entries.photos),
        voice_notes: count(entries.voices),
        text: entries.text,
      })
      .from(shifts)
      .innerJoin(duties, eq(duties.id, shifts.dutyId))
      .innerJoin(teams, eq(teams.id, shifts.teamId))
      .innerJoin(communities, eq(communities.id, teams.communityId))
      .innerJoin(towns, eq(towns.id, communities.townId))
      .leftJoin(people, eq(people.id, shifts.leaderPersonId))
      .leftJoin(dutyLogCounts, eq(dutyLogCounts.shiftId, shifts.id))
      .leftJoin(entries, eq(entries.shiftId, shifts.id))
      .where(and(between(shifts.night, range.from, range.to), or(isNotNull(dutyLogCounts.shiftId), isNotNull(entries.shiftId))))
      .orderBy(...byNightAndPlace(shifts.id));
  },
};

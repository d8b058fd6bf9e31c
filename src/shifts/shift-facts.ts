import { eq } from "drizzle-orm";
import { communities, duties, shifts, teams, towns } from "../storage/schema/index.js";
import type { TextRef } from "../outbox/payload.js";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Db } from "../storage/db.js";

/** The columns every message about a shift needs, joined once. */
export const shiftFactColumns = {
  shiftId: shifts.id,
  night: shifts.night,
  startsAt: shifts.startsAt,
  endsAt: shifts.endsAt,
  required: shifts.required,
  teamId: shifts.teamId,
  leaderPersonId: shifts.leaderPersonId,
  cancelledAt: shifts.cancelledAt,
  dutyKind: duties.kind,
  dutyName: duties.name,
  location: duties.location,
  startTime: duties.startTime,
  endTime: duties.endTime,
  teamName: teams.name,
  communityName: communities.name,
  townId: towns.id,
  townName: towns.name,
};

/** Shifts joined with their duty, team, community and town; `extra` adds columns of joined tables. */
export function selectShiftFacts<T extends SelectedFields>(db: Pick<Db, "select">, extra: T = {} as T) {
  return db
    .select({ ...shiftFactColumns, ...extra })
    .from(shifts)
    .innerJoin(duties, eq(duties.id, shifts.dutyId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId));
}

export type ShiftFacts = Awaited<ReturnType<ReturnType<typeof selectShiftFacts<Record<string, never>>>["execute"]>>[number];

/** "patrol of Team X, Fri 1 May 20:00-24:00" as message arguments. */
export function shiftArgs(f: Pick<ShiftFacts, "night" | "dutyKind" | "dutyName" | "location" | "startTime" | "endTime" | "teamName" | "communityName" | "townName">): NonNullable<TextRef["args"]> {
  return {
    duty: f.dutyKind === "patrol" ? { key: "duty-patrol" } : f.location ? { key: "duty-at", args: { name: f.dutyName, location: f.location } } : f.dutyName,
    team: `${f.townName} · ${f.communityName} · ${f.teamName}`,
    date: { date: f.night },
    start: f.startTime,
    end: f.endTime,
  };
}

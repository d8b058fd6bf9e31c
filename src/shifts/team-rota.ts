import { and, asc, eq, gte, inArray, isNull, lte } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { assignments, leaveDates, memberships, people } from "../storage/schema/index.js";
import { addDays, type Night } from "./night.js";
import { FAIRNESS_WINDOW_DAYS, RotaPlanner, type RotaMember } from "./rota-planner.js";

/**
 * A team's members with their availability, and a planner that knows every night they are already
 * on, for nights from `from` to `to`. The nightly plan and the substitute waves both start here.
 */
export async function loadTeamRota(tx: Db, teamId: number, from: Night, to: Night, defaultWeeklyCap: number): Promise<{ members: RotaMember[]; planner: RotaPlanner }> {
  const rows = await tx
    .select({ personId: memberships.personId, weekdays: memberships.weekdays, weeklyCap: memberships.weeklyCap })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, teamId), eq(memberships.status, "active"), isNull(people.forgottenAt)))
    .orderBy(asc(memberships.personId));
  const ids = rows.map((r) => r.personId);
  const [leave, busy] = ids.length
    ? await Promise.all([
        tx.select().from(leaveDates).where(and(inArray(leaveDates.personId, ids), gte(leaveDates.night, from), lte(leaveDates.night, addDays(to, 7)))),
        tx
          .select({ personId: assignments.personId, night: assignments.night })
          .from(assignments)
          .where(and(inArray(assignments.personId, ids), isNull(assignments.endedAt), gte(assignments.night, addDays(from, -FAIRNESS_WINDOW_DAYS)), lte(assignments.night, addDays(to, 7)))),
      ])
    : [[], []];
  const members = rows.map((r) => ({
    personId: r.personId,
    weekdays: r.weekdays,
    weeklyCap: r.weeklyCap ?? defaultWeeklyCap,
    leave: new Set(leave.filter((l) => l.personId === r.personId).map((l) => l.night)),
  }));
  return { members, planner: new RotaPlanner(members, busy) };
}

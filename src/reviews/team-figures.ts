import { asc, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { communities, teams, towns } from "../storage/schema/index.js";
import { FIGURE_PARTS } from "./figure-parts.js";
import { addInto, emptyFigures, type Figures } from "./figures.js";
import type { Period } from "./period.js";

export interface TeamFigures {
  teamId: number;
  team: string;
  community: string;
  townId: number;
  town: string;
  figures: Figures;
}

/** Every team of the district with its figures for the period, towns and teams in the order they were set up; teams without any are all zeros. */
export async function teamFigures(db: Db, period: Period, timeZone: string): Promise<TeamFigures[]> {
  const rows = await db
    .select({ teamId: teams.id, team: teams.name, community: communities.name, townId: towns.id, town: towns.name })
    .from(teams)
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .orderBy(asc(towns.id), asc(teams.id));
  const byTeam = new Map(rows.map((r) => [r.teamId, { ...r, figures: emptyFigures() }]));
  for (const part of FIGURE_PARTS) {
    for (const row of await part.rows(db, period, timeZone)) {
      const team = byTeam.get(row.teamId);
      if (team) addInto(team.figures, row.figures);
    }
  }
  return [...byTeam.values()];
}

export interface TownFigures {
  townId: number;
  town: string;
  teams: TeamFigures[];
  figures: Figures;
}

/** Teams grouped by town, each town with its sums. */
export function byTown(rows: TeamFigures[]): TownFigures[] {
  const towns = new Map<number, TownFigures>();
  for (const row of rows) {
    const town = towns.get(row.townId) ?? { townId: row.townId, town: row.town, teams: [], figures: emptyFigures() };
    town.teams.push(row);
    addInto(town.figures, row.figures);
    towns.set(row.townId, town);
  }
  return [...towns.values()];
}

import { ilike, or, eq, asc } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { communities, teams } from "../storage/schema/index.js";
import { selectTeamScopes, type TeamScope } from "./team-scope.js";

const MAX_ID = 2_147_483_647;

/** A team by its number, or up to `limit` teams whose team or community name contains the text. */
export async function findTeams(db: Db, query: string, limit = 10): Promise<TeamScope[]> {
  // Runs of spaces count as one, as names are written.
  const trimmed = query.trim().replace(/\s+/g, " ");
  // Team ids are PostgreSQL integers: a longer number is no team's, and must not reach the query.
  if (/^\d+$/.test(trimmed)) return Number(trimmed) <= MAX_ID ? selectTeamScopes(db).where(eq(teams.id, Number(trimmed))) : [];
  const pattern = `%${trimmed.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return selectTeamScopes(db)
    .where(or(ilike(teams.name, pattern), ilike(communities.name, pattern)))
    .orderBy(asc(teams.id))
    .limit(limit);
}

import { eq } from "drizzle-orm";
import { NotFoundError } from "../domain/errors.js";
import type { Db } from "../storage/db.js";
import { communities, teams, towns } from "../storage/schema/index.js";

/** Where a team sits in the hierarchy; permission checks need its town. */
export interface TeamScope {
  teamId: number;
  teamName: string;
  communityId: number;
  communityName: string;
  townId: number;
  townName: string;
}

const scopeColumns = {
  teamId: teams.id,
  teamName: teams.name,
  communityId: communities.id,
  communityName: communities.name,
  townId: towns.id,
  townName: towns.name,
};

export function selectTeamScopes(db: Db) {
  return db
    .select(scopeColumns)
    .from(teams)
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId));
}

export async function getTeamScope(db: Db, teamId: number): Promise<TeamScope> {
  const [scope] = await selectTeamScopes(db).where(eq(teams.id, teamId));
  if (!scope) throw new NotFoundError("team.not_found", { teamId });
  return scope;
}

export const teamLabel = (s: Pick<TeamScope, "townName" | "communityName" | "teamName">) =>
  `${s.townName} · ${s.communityName} · ${s.teamName}`;

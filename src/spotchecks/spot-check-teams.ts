import { asc, inArray } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { selectTeamScopes, type TeamScope } from "../org/team-scope.js";
import { towns, teams } from "../storage/schema/index.js";
import { spotCheckScope } from "./spot-check-scope.js";

/**
 * The teams to offer as buttons when a visit starts: a supervisor's towns' teams. A coordinator
 * (the whole district, 106 teams) types the team instead. Refuses anyone who may not spot-check.
 */
export async function spotCheckTeams(ctx: DomainContext): Promise<{ district: boolean; teams: TeamScope[] }> {
  const scope = await spotCheckScope(ctx);
  if (scope.district) return { district: true, teams: [] };
  const list = await selectTeamScopes(ctx.db).where(inArray(towns.id, scope.townIds)).orderBy(asc(towns.name), asc(teams.id));
  return { district: false, teams: list };
}

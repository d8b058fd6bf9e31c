import { loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { getTeamScope } from "../org/team-scope.js";
import { localNight } from "../shifts/night.js";
import { levelAt } from "./level-at.js";
import type { ResponseLevel } from "./response-levels.js";

/**
 * /status: the level in force now where the actor patrols (their team's town, or a supervisor's
 * town), else the district's.
 */
export async function levelStatus(ctx: DomainContext, timeZone: string): Promise<{ level: ResponseLevel; town: string | null }> {
  let townId: number | null = null;
  let town: string | null = null;
  if (ctx.actor.type === "person") {
    const access = await loadAccess(ctx.db, ctx.actor.personId);
    const teamId = access.teamIds[0] ?? access.grants.find((g) => g.teamId !== null)?.teamId ?? null;
    if (teamId !== null) {
      const scope = await getTeamScope(ctx.db, teamId);
      [townId, town] = [scope.townId, scope.townName];
    } else townId = access.grants.find((g) => g.townId !== null)?.townId ?? null;
  }
  return { level: await levelAt(ctx.db, townId, { night: localNight(ctx.now, timeZone), at: ctx.now }), town };
}

import { isCoordinator, loadAccess, supervisedTownIds } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { getTeamScope, type TeamScope } from "../org/team-scope.js";

/** Whose visits an actor may make and read: the whole district, or the towns they supervise. */
export type SpotCheckScope = { district: true } | { district: false; townIds: number[] };

/** Coordinators (and jobs) see the district; a town supervisor their towns; anyone else is refused. */
export async function spotCheckScope(ctx: DomainContext): Promise<SpotCheckScope> {
  if (ctx.actor.type !== "person") return { district: true };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (isCoordinator(access)) return { district: true };
  const townIds = supervisedTownIds(access);
  if (townIds.length === 0) throw new ForbiddenError("spotcheck.not_allowed");
  return { district: false, townIds };
}

/** The team, if the actor may spot-check it: a coordinator any team, a supervisor those of their towns. */
export async function requireSpotChecker(ctx: DomainContext, teamId: number): Promise<TeamScope> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("spotcheck.person_only");
  const scope = await spotCheckScope(ctx);
  const team = await getTeamScope(ctx.db, teamId);
  if (!scope.district && !scope.townIds.includes(team.townId)) {
    ctx.logger.warn({ personId: ctx.actor.personId, teamId }, "refused: spot check outside the supervisor's towns");
    throw new ForbiddenError("spotcheck.outside_town", { team: team.teamName });
  }
  return team;
}

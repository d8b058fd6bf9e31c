import { isCoordinator, leadsTeam, ledTeamIds, loadAccess, supervisedTownIds, supervisesTown } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { getTeamScope, type TeamScope } from "../org/team-scope.js";

/**
 * What /kit shows the actor: the teams they lead, and an overview of the district (coordinators)
 * or of their towns (supervisors). Refuses anyone with neither.
 */
export async function kitAudience(ctx: DomainContext): Promise<{ teamIds: number[]; overview: { district: true } | { district: false; townIds: number[] } | null }> {
  if (ctx.actor.type !== "person") return { teamIds: [], overview: { district: true } };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  const townIds = supervisedTownIds(access);
  const overview = isCoordinator(access) ? ({ district: true } as const) : townIds.length > 0 ? ({ district: false, townIds } as const) : null;
  const teamIds = ledTeamIds(access);
  if (teamIds.length === 0 && overview === null) throw new ForbiddenError("kit.not_allowed");
  return { teamIds, overview };
}

/** Recording counts and reporting missing or worn items is for the team's leader and deputies. */
export async function requireKitLead(ctx: DomainContext, teamId: number): Promise<TeamScope> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("kit.person_only");
  const team = await getTeamScope(ctx.db, teamId);
  if (!leadsTeam(await loadAccess(ctx.db, ctx.actor.personId), teamId)) {
    ctx.logger.warn({ personId: ctx.actor.personId, teamId }, "refused: kit of a team the person does not lead");
    throw new ForbiddenError("kit.not_your_team");
  }
  return team;
}

/** Reading a team's kit: its leads (who may also change it), its town's supervisors, coordinators. */
export async function requireKitViewer(ctx: DomainContext, teamId: number): Promise<{ team: TeamScope; leads: boolean }> {
  const team = await getTeamScope(ctx.db, teamId);
  if (ctx.actor.type !== "person") return { team, leads: false };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  const leads = leadsTeam(access, teamId);
  if (!leads && !supervisesTown(access, team.townId) && !isCoordinator(access)) throw new ForbiddenError("kit.not_your_team");
  return { team, leads };
}

import { isCoordinator, loadAccess, supervisedTownIds } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { listTowns } from "../org/list-towns.js";
import { getTeamScope } from "../org/team-scope.js";
import type { BroadcastTarget } from "./audience.js";

/**
 * Coordinators broadcast anywhere; a town supervisor only inside their town, so "everyone",
 * "leaders" and "tonight's volunteers" from a supervisor mean those of their town. Returns the
 * target as it will be sent.
 */
export async function authorizeBroadcast(ctx: DomainContext, target: BroadcastTarget): Promise<BroadcastTarget> {
  if (target.audience === "town" && target.townId === null) throw new ValidationError("broadcast.town_needed");
  if (target.audience === "team" && target.teamId === null) throw new ValidationError("broadcast.team_needed");
  const teamTown = target.teamId !== null ? (await getTeamScope(ctx.db, target.teamId)).townId : null;
  const normal: BroadcastTarget = { audience: target.audience, townId: teamTown ?? target.townId, teamId: target.audience === "team" ? target.teamId : null };
  if (ctx.actor.type !== "person") return normal;
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (isCoordinator(access)) return normal;
  const towns = supervisedTownIds(access);
  if (towns.length === 0) throw new ForbiddenError("broadcast.not_allowed");
  if (normal.townId === null) {
    if (towns.length > 1) throw new ValidationError("broadcast.town_needed");
    return { ...normal, townId: towns[0]! };
  }
  if (!towns.includes(normal.townId)) throw new ForbiddenError("broadcast.outside_town");
  return normal;
}

/** The towns the actor may broadcast to: all for a coordinator, their own for a supervisor. */
export async function broadcastTowns(ctx: DomainContext) {
  if (ctx.actor.type !== "person") return listTowns(ctx.db);
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (isCoordinator(access)) return listTowns(ctx.db);
  const towns = supervisedTownIds(access);
  if (towns.length === 0) throw new ForbiddenError("broadcast.not_allowed");
  return listTowns(ctx.db, towns);
}

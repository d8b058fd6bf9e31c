import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { getTeamScope, type TeamScope } from "../org/team-scope.js";
import { isCoordinator, isTeamLeader, leadsTeam, loadAccess, supervisesTown, type Access, type RoleName } from "./access.js";

/**
 * Server-side permission checks. Every command and callback goes through one of these with
 * ids it parsed itself; nothing a client sends is taken as proof of a role.
 */
export type TeamAction =
  | "invite" // create and revoke invite links
  | "review_signups" // approve or reject
  | "view_members" // list members, see their phones
  | "remove_member"
  | "read_logs" // past duty logs
  | "appoint_deputy"
  | "appoint_leader";

export function mayOnTeam(access: Access, action: TeamAction, scope: TeamScope): boolean {
  if (isCoordinator(access)) return true;
  const leads = leadsTeam(access, scope.teamId);
  const supervises = supervisesTown(access, scope.townId);
  switch (action) {
    case "invite":
    case "review_signups":
    case "view_members":
    case "remove_member":
    case "read_logs":
      return leads || supervises;
    case "appoint_deputy":
      return isTeamLeader(access, scope.teamId) || supervises;
    case "appoint_leader":
      return supervises;
  }
}

/** Loads the actor's access and the team, and throws Forbidden unless the action is allowed. */
export async function requireTeamAction(ctx: DomainContext, action: TeamAction, teamId: number): Promise<{ access: Access; scope: TeamScope }> {
  const scope = await getTeamScope(ctx.db, teamId);
  if (ctx.actor.type !== "person") return { access: systemAccess, scope };
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (!mayOnTeam(access, action, scope)) {
    ctx.logger.warn({ personId: ctx.actor.personId, action, teamId }, "refused: not allowed on this team");
    throw new ForbiddenError(`team.${action}`);
  }
  return { access, scope };
}

export async function requireCoordinator(ctx: DomainContext): Promise<Access> {
  if (ctx.actor.type !== "person") return systemAccess;
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (!isCoordinator(access)) throw new ForbiddenError("coordinator_only");
  return access;
}

/** The CLI and scheduled jobs act with the district's full authority. */
const systemAccess: Access = { personId: 0, grants: [{ role: "coordinator", teamId: null, townId: null }], teamIds: [] };

/** Which grants a granter may hand out. */
export function mayGrant(access: Access, role: RoleName, target: { teamId: number | null; townId: number | null }, teamTown: number | null): boolean {
  if (isCoordinator(access)) return true;
  if (role === "deputy" && target.teamId !== null) return isTeamLeader(access, target.teamId) || (teamTown !== null && supervisesTown(access, teamTown));
  if (role === "leader" && teamTown !== null) return supervisesTown(access, teamTown);
  return false;
}

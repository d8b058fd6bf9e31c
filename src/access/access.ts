import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { memberships, roleGrants } from "../storage/schema/index.js";

export type RoleName = (typeof roleGrants.role.enumValues)[number];

export interface Grant {
  role: RoleName;
  teamId: number | null;
  townId: number | null;
}

/** What one person may do, read fresh from the database for every check. */
export interface Access {
  personId: number;
  grants: Grant[];
  /** Teams in which the person is an active volunteer. */
  teamIds: number[];
}

export async function loadAccess(db: Db, personId: number): Promise<Access> {
  const [grants, teams] = await Promise.all([
    db
      .select({ role: roleGrants.role, teamId: roleGrants.teamId, townId: roleGrants.townId })
      .from(roleGrants)
      .where(and(eq(roleGrants.personId, personId), isNull(roleGrants.revokedAt))),
    db
      .select({ teamId: memberships.teamId })
      .from(memberships)
      .where(and(eq(memberships.personId, personId), eq(memberships.status, "active"))),
  ]);
  return { personId, grants, teamIds: teams.map((t) => t.teamId) };
}

export const isCoordinator = (a: Access) => a.grants.some((g) => g.role === "coordinator");

/** Leader or deputy of that team: both lead shifts and handle the team's volunteers. */
export const leadsTeam = (a: Access, teamId: number) =>
  a.grants.some((g) => (g.role === "leader" || g.role === "deputy") && g.teamId === teamId);

export const isTeamLeader = (a: Access, teamId: number) => a.grants.some((g) => g.role === "leader" && g.teamId === teamId);

export const supervisesTown = (a: Access, townId: number) => a.grants.some((g) => g.role === "supervisor" && g.townId === townId);

export const isPoliceLiaison = (a: Access) => a.grants.some((g) => g.role === "police");

export const ledTeamIds = (a: Access) =>
  [...new Set(a.grants.filter((g) => (g.role === "leader" || g.role === "deputy") && g.teamId !== null).map((g) => g.teamId!))];

export const supervisedTownIds = (a: Access) =>
  [...new Set(a.grants.filter((g) => g.role === "supervisor" && g.townId !== null).map((g) => g.townId!))];

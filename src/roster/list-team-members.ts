import { and, asc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { isCoordinator, leadsTeam } from "../access/access.js";
import { requireTeamAction } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { NotFoundError } from "../domain/errors.js";
import type { TeamScope } from "../org/team-scope.js";
import { assignments, memberships, people, roleGrants, shifts } from "../storage/schema/index.js";

export interface TeamMember {
  membershipId: number;
  personId: number;
  name: string | null;
  /** Only for the member's own leads and coordinators; null for everyone else. */
  phone: string | null;
  status: "pending" | "active";
  weekdays: number;
  roles: Array<"leader" | "deputy">;
  /** Has a Telegram account linked (imported people may not yet). */
  reachable: boolean;
  /** Shifts this member did not turn up for. */
  noShows: number;
}

export async function listTeamMembers(ctx: DomainContext, teamId: number): Promise<{ scope: TeamScope; members: TeamMember[] }> {
  const { access, scope } = await requireTeamAction(ctx, "view_members", teamId);
  const showPhones = isCoordinator(access) || leadsTeam(access, teamId);
  const rows = await ctx.db
    .select({
      membershipId: memberships.id,
      personId: people.id,
      name: people.name,
      phone: people.phone,
      status: memberships.status,
      weekdays: memberships.weekdays,
      telegramId: people.telegramId,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.teamId, teamId), inArray(memberships.status, ["pending", "active"])))
    .orderBy(asc(memberships.status), asc(people.name));
  const misses = await ctx.db
    .select({ personId: assignments.personId, count: sql<number>`count(*)::int` })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(eq(shifts.teamId, teamId), isNotNull(assignments.noShowAt), isNull(assignments.checkedInAt)))
    .groupBy(assignments.personId);
  const grants = await ctx.db
    .select({ personId: roleGrants.personId, role: roleGrants.role })
    .from(roleGrants)
    .where(and(eq(roleGrants.teamId, teamId), isNull(roleGrants.revokedAt)));
  const members = rows.map((r) => ({
    membershipId: r.membershipId,
    personId: r.personId,
    name: r.name,
    phone: showPhones ? r.phone : null,
    status: r.status as TeamMember["status"],
    weekdays: r.weekdays,
    roles: grants.filter((g) => g.personId === r.personId).map((g) => g.role as "leader" | "deputy"),
    reachable: r.telegramId !== null,
    noShows: misses.find((m) => m.personId === r.personId)?.count ?? 0,
  }));
  return { scope, members };
}

/** One member's card, with the same permission and phone rules as the list. */
export async function viewTeamMember(ctx: DomainContext, membershipId: number): Promise<{ scope: TeamScope; member: TeamMember }> {
  const [row] = await ctx.db.select({ teamId: memberships.teamId }).from(memberships).where(eq(memberships.id, membershipId));
  if (!row) throw new NotFoundError("membership.not_found");
  const { scope, members } = await listTeamMembers(ctx, row.teamId);
  const member = members.find((m) => m.membershipId === membershipId);
  if (!member) throw new NotFoundError("membership.not_found");
  return { scope, member };
}

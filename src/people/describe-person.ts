import { and, eq, inArray, isNull } from "drizzle-orm";
import { selectTeamScopes, type TeamScope } from "../org/team-scope.js";
import type { Db } from "../storage/db.js";
import { memberships, people, roleGrants, teams, towns } from "../storage/schema/index.js";
import type { RoleName } from "../access/access.js";

export interface PersonProfile {
  personId: number;
  name: string | null;
  phone: string | null;
  locale: string | null;
  memberships: Array<TeamScope & { membershipId: number; status: string; weekdays: number }>;
  roles: Array<{ role: RoleName; teamName: string | null; townName: string | null }>;
}

/** Everything /me shows a person about themselves. */
export async function describePerson(db: Db, personId: number): Promise<PersonProfile> {
  const [person] = await db.select({ name: people.name, phone: people.phone, locale: people.locale }).from(people).where(eq(people.id, personId));
  const rows = await db
    .select({ membershipId: memberships.id, teamId: memberships.teamId, status: memberships.status, weekdays: memberships.weekdays })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), inArray(memberships.status, ["pending", "active"])));
  const scopes = rows.length ? await selectTeamScopes(db).where(inArray(teams.id, rows.map((r) => r.teamId))) : [];
  const roles = await db
    .select({ role: roleGrants.role, teamName: teams.name, townName: towns.name })
    .from(roleGrants)
    .leftJoin(teams, eq(teams.id, roleGrants.teamId))
    .leftJoin(towns, eq(towns.id, roleGrants.townId))
    .where(and(eq(roleGrants.personId, personId), isNull(roleGrants.revokedAt)));
  return {
    personId,
    name: person?.name ?? null,
    phone: person?.phone ?? null,
    locale: person?.locale ?? null,
    memberships: rows.map((r) => ({ ...scopes.find((s) => s.teamId === r.teamId)!, membershipId: r.membershipId, status: r.status, weekdays: r.weekdays })),
    roles,
  };
}

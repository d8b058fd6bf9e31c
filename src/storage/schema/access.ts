import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { teams, towns } from "./org.js";
import { people } from "./people.js";

/**
 * Roles beyond "volunteer" (which is an active membership). Scope lives beside the role:
 * leaders and deputies have a team, supervisors a town, police liaisons optionally a town,
 * coordinators none.
 */
export const roleName = pgEnum("role_name", ["leader", "deputy", "supervisor", "coordinator", "police"]);

export const roleGrants = pgTable(
  "role_grants",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    role: roleName().notNull(),
    teamId: integer().references(() => teams.id),
    townId: integer().references(() => towns.id),
    grantedBy: integer().references(() => people.id),
    grantedAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: integer().references(() => people.id),
  },
  (t) => [
    uniqueIndex("role_grants_live_key")
      .on(t.personId, t.role, sql`coalesce(${t.teamId}, 0)`, sql`coalesce(${t.townId}, 0)`)
      .where(sql`${t.revokedAt} is null`),
    index("role_grants_team_idx").on(t.teamId).where(sql`${t.revokedAt} is null`),
  ],
);

import { index, integer, pgEnum, pgTable, smallint, text, timestamp, unique } from "drizzle-orm/pg-core";
import { teams } from "./org.js";
import { people } from "./people.js";

export const membershipStatus = pgEnum("membership_status", ["pending", "active", "rejected", "removed", "left"]);
export const membershipSource = pgEnum("membership_source", ["invite", "import"]);

export const invites = pgTable(
  "invites",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    createdBy: integer().references(() => people.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: integer().references(() => people.id),
    uses: integer().notNull().default(0),
  },
  (t) => [index("invites_team_idx").on(t.teamId)],
);

/** A person's place in a team. Volunteers are exactly the people with an active membership. */
export const memberships = pgTable(
  "memberships",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => people.id),
    teamId: integer()
      .notNull()
      .references(() => teams.id),
    status: membershipStatus().notNull(),
    source: membershipSource().notNull(),
    /** Bit 0 = Monday … bit 6 = Sunday. */
    weekdays: smallint().notNull().default(0),
    /** Most nights a week the rota may give this member; null means the deployment's default. */
    weeklyCap: smallint(),
    inviteId: integer().references(() => invites.id),
    decidedBy: integer().references(() => people.id),
    decidedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [unique("memberships_person_team_key").on(t.personId, t.teamId), index("memberships_team_status_idx").on(t.teamId, t.status)],
);

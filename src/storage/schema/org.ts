import { bigint, integer, pgEnum, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/** The district is the deployment itself; below it: town or sub-district → village or community → team. */
export const townKind = pgEnum("town_kind", ["town", "subdistrict"]);
export const communityKind = pgEnum("community_kind", ["village", "community"]);

export const towns = pgTable("towns", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull().unique(),
  kind: townKind().notNull().default("town"),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const communities = pgTable(
  "communities",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    townId: integer()
      .notNull()
      .references(() => towns.id),
    name: text().notNull(),
    kind: communityKind().notNull().default("community"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("communities_town_name_key").on(t.townId, t.name)],
);

export const teams = pgTable(
  "teams",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    communityId: integer()
      .notNull()
      .references(() => communities.id),
    name: text().notNull(),
    /** The team's group chat with the bot in it, where the shift leader writes tonight's log. */
    groupChatId: bigint({ mode: "number" }).unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("teams_community_name_key").on(t.communityId, t.name)],
);

import { and, count, desc, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import { isCoordinator, loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { teams, incidents, people } from "../storage/schema/index.js";
import { POLICE_CATEGORIES } from "./categories.js";

/**
 * /tips for coordinators (the district) and police liaisons (their town, or the district):
 * tips still open, tips verified useful, and the useful ones counted per volunteer and per team.
 */
export async function listTips(ctx: DomainContext, limit = 15) {
  let scope: SQL | undefined;
  if (ctx.actor.type === "person") {
    const access = await loadAccess(ctx.db, ctx.actor.personId);
    const police = access.grants.filter((g) => g.role === "police");
    if (!isCoordinator(access)) {
      if (police.length === 0) throw new ForbiddenError("tips.not_allowed");
      const towns = police.map((g) => g.townId);
      if (!towns.includes(null)) scope = inArray(incidents.townId, towns as number[]);
    }
  }
  const tips = and(or(inArray(incidents.category, [...POLICE_CATEGORIES]), eq(incidents.status, "forwarded")), scope);
  const columns = { id: incidents.id, ref: incidents.ref, category: incidents.category, status: incidents.status, createdAt: incidents.createdAt, team: teams.name, description: incidents.description };
  const open = await ctx.db
    .select(columns)
    .from(incidents)
    .leftJoin(teams, eq(teams.id, incidents.teamId))
    .where(and(tips, isNull(incidents.verdict), ne(incidents.status, "resolved")))
    .orderBy(desc(incidents.createdAt))
    .limit(limit);
  const verified = await ctx.db
    .select(columns)
    .from(incidents)
    .leftJoin(teams, eq(teams.id, incidents.teamId))
    .where(and(tips, eq(incidents.verdict, "useful")))
    .orderBy(desc(incidents.verdictAt))
    .limit(limit);
  const useful = and(eq(incidents.verdict, "useful"), scope);
  const byTeam = await ctx.db.select({ team: teams.name, n: count() }).from(incidents).innerJoin(teams, eq(teams.id, incidents.teamId)).where(useful).groupBy(teams.name).orderBy(desc(count())).limit(10);
  const byVolunteer = await ctx.db
    .select({ name: people.name, n: count() })
    .from(incidents)
    .innerJoin(people, eq(people.id, incidents.reporterPersonId))
    .where(and(useful, eq(incidents.public, false)))
    .groupBy(people.id, people.name)
    .orderBy(desc(count()))
    .limit(10);
  return { open, verified, byTeam, byVolunteer };
}

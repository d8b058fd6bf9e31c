import { and, count, desc, eq, inArray, isNull, ne, or, type SQL } from "drizzle-orm";
import { isCoordinator, loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { incidents, people, teams } from "../storage/schema/index.js";
import { POLICE_CATEGORIES } from "./categories.js";

export const TIPS_PAGE = 10;
const TALLY_MAX = 10;

/** Coordinators see the district; a police liaison their towns, or the district without a town. */
async function tipScope(ctx: DomainContext): Promise<SQL | undefined> {
  if (ctx.actor.type !== "person") return undefined;
  const access = await loadAccess(ctx.db, ctx.actor.personId);
  if (isCoordinator(access)) return undefined;
  const towns = access.grants.filter((g) => g.role === "police").map((g) => g.townId);
  if (towns.length === 0) throw new ForbiddenError("tips.not_allowed");
  return towns.includes(null) ? undefined : inArray(incidents.townId, towns as number[]);
}

/**
 * /tips for coordinators and police liaisons: the open tips a page at a time with their true
 * count (an offset past the end shows the last page), the latest tips verified useful with
 * theirs, and useful tips per team (by team, so two teams of one name stay apart) and per volunteer.
 */
export async function listTips(ctx: DomainContext, options: { offset?: number } = {}) {
  const requested = options.offset ?? 0;
  if (!Number.isSafeInteger(requested) || requested < 0) throw new ValidationError("tips.bad_page");
  const scope = await tipScope(ctx);
  const tips = and(or(inArray(incidents.category, [...POLICE_CATEGORIES]), eq(incidents.status, "forwarded")), scope);
  const openWhere = and(tips, isNull(incidents.verdict), ne(incidents.status, "resolved"));
  const verifiedWhere = and(tips, eq(incidents.verdict, "useful"));
  const [{ n: openTotal } = { n: 0 }] = await ctx.db.select({ n: count() }).from(incidents).where(openWhere);
  const [{ n: verifiedTotal } = { n: 0 }] = await ctx.db.select({ n: count() }).from(incidents).where(verifiedWhere);
  const offset = requested < openTotal ? requested - (requested % TIPS_PAGE) : Math.max(0, Math.floor((openTotal - 1) / TIPS_PAGE) * TIPS_PAGE);

  const columns = { id: incidents.id, ref: incidents.ref, category: incidents.category, status: incidents.status, createdAt: incidents.createdAt, team: teams.name, description: incidents.description };
  const open = await ctx.db
    .select(columns)
    .from(incidents)
    .leftJoin(teams, eq(teams.id, incidents.teamId))
    .where(openWhere)
    .orderBy(desc(incidents.createdAt), desc(incidents.id))
    .limit(TIPS_PAGE)
    .offset(offset);
  const verified = await ctx.db
    .select(columns)
    .from(incidents)
    .leftJoin(teams, eq(teams.id, incidents.teamId))
    .where(verifiedWhere)
    .orderBy(desc(incidents.verdictAt), desc(incidents.id))
    .limit(TIPS_PAGE);
  const useful = and(eq(incidents.verdict, "useful"), scope);
  const byTeam = await ctx.db
    .select({ teamId: teams.id, team: teams.name, n: count() })
    .from(incidents)
    .innerJoin(teams, eq(teams.id, incidents.teamId))
    .where(useful)
    .groupBy(teams.id, teams.name)
    .orderBy(desc(count()), teams.id)
    .limit(TALLY_MAX);
  const byVolunteer = await ctx.db
    .select({ name: people.name, n: count() })
    .from(incidents)
    .innerJoin(people, eq(people.id, incidents.reporterPersonId))
    .where(and(useful, eq(incidents.public, false)))
    .groupBy(people.id, people.name)
    .orderBy(desc(count()), people.id)
    .limit(TALLY_MAX);
  return { open: { total: openTotal, offset, rows: open }, verified: { total: verifiedTotal, rows: verified }, pageSize: TIPS_PAGE, byTeam, byVolunteer };
}

import { and, asc, count, eq, gte, inArray, lte, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import type { Night } from "../shifts/night.js";
import { communities, spotChecks, teams, towns } from "../storage/schema/index.js";
import { spotCheckScope } from "./spot-check-scope.js";

export interface SpotCheckFigures {
  teamId: number;
  visits: number;
  /** Visits that found the team out on patrol. */
  visitsOut: number;
  /** Mean rating of the visits, null for a team nobody visited. */
  averageRating: number | null;
}

const NIGHT = /^\d{4}-\d{2}-\d{2}$/;

/**
 * For the weekly review and the team evaluation: per team in the actor's scope, the visits of
 * the nights from..to (inclusive), those that found the team out, and the average rating. Every
 * team is listed, a team nobody visited with zeros. One query.
 */
export async function spotCheckFigures(ctx: DomainContext, range: { from: Night; to: Night }): Promise<SpotCheckFigures[]> {
  if (!NIGHT.test(range.from) || !NIGHT.test(range.to) || range.from > range.to) throw new ValidationError("spotcheck.bad_range");
  const scope = await spotCheckScope(ctx);
  const rows = await ctx.db
    .select({
      teamId: teams.id,
      visits: count(spotChecks.id),
      visitsOut: sql<number>`count(${spotChecks.id}) filter (where ${spotChecks.teamOut})`.mapWith(Number),
      averageRating: sql<number | null>`avg(${spotChecks.rating})::float8`,
    })
    .from(teams)
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .leftJoin(spotChecks, and(eq(spotChecks.teamId, teams.id), gte(spotChecks.night, range.from), lte(spotChecks.night, range.to)))
    .where(scope.district ? undefined : inArray(towns.id, scope.townIds))
    .groupBy(teams.id)
    .orderBy(asc(teams.id));
  return rows.map((r) => ({ ...r, averageRating: r.averageRating === null ? null : Number(r.averageRating) }));
}

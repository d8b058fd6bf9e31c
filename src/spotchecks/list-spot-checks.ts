import { and, count, desc, eq, gte, inArray, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { displayName } from "../people/display-name.js";
import { addDays, localNight, type Night } from "../shifts/night.js";
import { communities, people, spotCheckPhotos, spotChecks, teams, towns } from "../storage/schema/index.js";
import { spotCheckScope } from "./spot-check-scope.js";

/** A week's visits fit in one message; more are counted, not listed. */
const SHOWN = 40;

/**
 * /spotchecks: the visits of the last seven nights in the actor's scope (a supervisor's towns, a
 * coordinator's district), newest first, with how many there were in all.
 */
export async function listSpotChecks(ctx: DomainContext, timeZone: string) {
  const scope = await spotCheckScope(ctx);
  const to: Night = localNight(ctx.now, timeZone);
  const from: Night = addDays(to, -6);
  const where = and(gte(spotChecks.night, from), lte(spotChecks.night, to), scope.district ? undefined : inArray(towns.id, scope.townIds));
  const photos = ctx.db.select({ spotCheckId: spotCheckPhotos.spotCheckId, n: count().as("n") }).from(spotCheckPhotos).groupBy(spotCheckPhotos.spotCheckId).as("photos");
  const rows = await ctx.db
    .select({
      id: spotChecks.id,
      night: spotChecks.night,
      visitedAt: spotChecks.visitedAt,
      teamId: teams.id,
      teamName: teams.name,
      townName: towns.name,
      visitor: displayName(people),
      teamOut: spotChecks.teamOut,
      presentCount: spotChecks.presentCount,
      rating: spotChecks.rating,
      findings: spotChecks.findings,
      photos: photos.n,
    })
    .from(spotChecks)
    .innerJoin(teams, eq(teams.id, spotChecks.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .innerJoin(people, eq(people.id, spotChecks.visitorId))
    .leftJoin(photos, eq(photos.spotCheckId, spotChecks.id))
    .where(where)
    .orderBy(desc(spotChecks.visitedAt))
    .limit(SHOWN);
  const [total] = await ctx.db
    .select({ n: count() })
    .from(spotChecks)
    .innerJoin(teams, eq(teams.id, spotChecks.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .where(where);
  return { from, to, total: total?.n ?? 0, checks: rows.map((r) => ({ ...r, photos: Number(r.photos ?? 0) })) };
}

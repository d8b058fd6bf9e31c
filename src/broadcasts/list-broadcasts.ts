import { desc, eq, inArray, or, sql } from "drizzle-orm";
import { isCoordinator, ledTeamIds, loadAccess, supervisedTownIds } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { broadcastRecipients, broadcasts, memberships, responseLevels } from "../storage/schema/index.js";
import { broadcastFigures } from "./broadcast-figures.js";

/**
 * /broadcasts: the recent ones with their figures. Coordinators see all; a supervisor those of
 * their town and their own; a leader those that reached their team (to check receipts).
 */
export async function listBroadcasts(ctx: DomainContext, limit = 10) {
  let scope = undefined;
  let teamIds: number[] = [];
  if (ctx.actor.type === "person") {
    const access = await loadAccess(ctx.db, ctx.actor.personId);
    teamIds = ledTeamIds(access);
    if (!isCoordinator(access)) {
      const towns = supervisedTownIds(access);
      if (towns.length === 0 && teamIds.length === 0) throw new ForbiddenError("broadcast.list_not_allowed");
      const reachedTeams = ctx.db
        .select({ id: broadcastRecipients.broadcastId })
        .from(broadcastRecipients)
        .innerJoin(memberships, eq(memberships.personId, broadcastRecipients.personId))
        .where(inArray(memberships.teamId, teamIds.length ? teamIds : [0]));
      scope = or(eq(broadcasts.senderId, ctx.actor.personId), inArray(broadcasts.townId, towns.length ? towns : [0]), inArray(broadcasts.id, reachedTeams));
    }
  }
  const rows = await ctx.db
    .select({ id: broadcasts.id, audience: broadcasts.audience, text: broadcasts.text, createdAt: broadcasts.createdAt, finishedAt: broadcasts.finishedAt, level: responseLevels.level })
    .from(broadcasts)
    .leftJoin(responseLevels, eq(responseLevels.id, broadcasts.responseLevelId))
    .where(scope ?? sql`true`)
    .orderBy(desc(broadcasts.id))
    .limit(limit);
  const figures = await broadcastFigures(ctx.db, rows.map((r) => r.id));
  return { teamIds, broadcasts: rows.map((r) => ({ ...r, figures: figures.get(r.id)! })) };
}

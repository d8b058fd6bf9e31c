import { and, asc, count, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import type { Db } from "../storage/db.js";
import { communities, kitRequests, people, teams, towns } from "../storage/schema/index.js";

/** Open requests, oldest first, where `where` narrows them (a team, some towns). */
export async function openKitRequests(db: Db, where: SQL | undefined, limit = 30) {
  return db
    .select({
      requestId: kitRequests.id,
      teamId: teams.id,
      teamName: teams.name,
      item: kitRequests.item,
      kind: kitRequests.kind,
      quantity: kitRequests.quantity,
      note: kitRequests.note,
      requestedBy: displayName(people),
      requestedAt: kitRequests.requestedAt,
    })
    .from(kitRequests)
    .innerJoin(teams, eq(teams.id, kitRequests.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .innerJoin(people, eq(people.id, kitRequests.requestedBy))
    .where(and(isNull(kitRequests.handledAt), where))
    .orderBy(asc(kitRequests.requestedAt), asc(kitRequests.id))
    .limit(limit);
}

/** How many are open where `where` narrows them: the list above stops at its limit. */
export async function countOpenKitRequests(db: Db, where: SQL | undefined): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(kitRequests)
    .innerJoin(teams, eq(teams.id, kitRequests.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .where(and(isNull(kitRequests.handledAt), where));
  return row?.n ?? 0;
}

export const inTowns = (townIds: number[]) => inArray(towns.id, townIds);

import { and, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { communities, teams, towns } from "../storage/schema/index.js";

export interface OrgPath {
  town: string;
  community: string;
  team: string;
}

export interface OrgIds {
  townId: number;
  communityId: number;
  teamId: number;
}

/** Names that look like sub-districts or villages get that kind; the rest are towns and communities. */
const townKindOf = (name: string) => (/街道$|sub-?district/i.test(name) ? "subdistrict" : "town");
const communityKindOf = (name: string) => (/村$|village/i.test(name) ? "village" : "community");

/**
 * Finds or creates town, community and team by name. Insert-then-select keeps it safe when two
 * imports create the same unit at once. `cache` saves round trips across rows of one import.
 */
export async function ensureOrgPath(tx: Db, path: OrgPath, cache = new Map<string, number>()): Promise<OrgIds> {
  const townKey = `t:${path.town}`;
  let townId = cache.get(townKey);
  if (townId === undefined) {
    await tx.insert(towns).values({ name: path.town, kind: townKindOf(path.town) }).onConflictDoNothing();
    const [row] = await tx.select({ id: towns.id }).from(towns).where(eq(towns.name, path.town));
    townId = row!.id;
    cache.set(townKey, townId);
  }
  const communityKey = `c:${townId}:${path.community}`;
  let communityId = cache.get(communityKey);
  if (communityId === undefined) {
    await tx.insert(communities).values({ townId, name: path.community, kind: communityKindOf(path.community) }).onConflictDoNothing();
    const [row] = await tx
      .select({ id: communities.id })
      .from(communities)
      .where(and(eq(communities.townId, townId), eq(communities.name, path.community)));
    communityId = row!.id;
    cache.set(communityKey, communityId);
  }
  const teamKey = `m:${communityId}:${path.team}`;
  let teamId = cache.get(teamKey);
  if (teamId === undefined) {
    await tx.insert(teams).values({ communityId, name: path.team }).onConflictDoNothing();
    const [row] = await tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.communityId, communityId), eq(teams.name, path.team)));
    teamId = row!.id;
    cache.set(teamKey, teamId);
  }
  return { townId, communityId, teamId };
}

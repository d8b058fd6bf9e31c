import { and, asc, count, eq, max, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { communities, duties, kitHoldings, teams, towns } from "../storage/schema/index.js";
import { kitAudience } from "./kit-access.js";
import { DEFAULT_LEVEL1_HEADCOUNT, fullSet, KIT_ITEMS, type KitItem } from "./kit-items.js";
import { countOpenKitRequests, inTowns, openKitRequests } from "./open-kit-requests.js";

const held = (item: KitItem) => sql<number | null>`max(${kitHoldings.quantity}) filter (where ${kitHoldings.item} = ${item})`.mapWith((v) => (v === null ? null : Number(v)));

/**
 * /kit for coordinators (the district) and supervisors (their towns): totals per item, the teams
 * short of a full set and what they lack, the teams that never counted, and the open requests.
 */
export async function kitOverview(ctx: DomainContext) {
  const { overview } = await kitAudience(ctx);
  if (!overview) throw new ForbiddenError("kit.not_allowed");
  const where = overview.district ? undefined : inTowns(overview.townIds);
  const rows = await ctx.db
    .select({
      teamId: teams.id,
      teamName: teams.name,
      level1: max(duties.headcountLevel1),
      counted: count(kitHoldings.item),
      vest: held("vest"),
      cap: held("cap"),
      armband: held("armband"),
      first_aid_kit: held("first_aid_kit"),
      logbook: held("logbook"),
    })
    .from(teams)
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .innerJoin(towns, eq(towns.id, communities.townId))
    .leftJoin(duties, and(eq(duties.teamId, teams.id), eq(duties.kind, "patrol")))
    .leftJoin(kitHoldings, eq(kitHoldings.teamId, teams.id))
    .where(where)
    .groupBy(teams.id)
    .orderBy(asc(teams.id));

  const totals = Object.fromEntries(KIT_ITEMS.map((item) => [item, 0])) as Record<KitItem, number>;
  const short: Array<{ teamId: number; teamName: string; lacking: Array<{ item: KitItem; held: number; needed: number }> }> = [];
  const uncounted: Array<{ teamId: number; teamName: string }> = [];
  for (const row of rows) {
    if (row.counted === 0) {
      uncounted.push({ teamId: row.teamId, teamName: row.teamName });
      continue;
    }
    const full = fullSet(row.level1 ?? DEFAULT_LEVEL1_HEADCOUNT);
    const lacking = KIT_ITEMS.map((item) => ({ item, held: row[item] ?? 0, needed: full[item] })).filter((l) => l.held < l.needed);
    for (const item of KIT_ITEMS) totals[item] += row[item] ?? 0;
    if (lacking.length > 0) short.push({ teamId: row.teamId, teamName: row.teamName, lacking });
  }
  const requests = await openKitRequests(ctx.db, where);
  return { district: overview.district, teams: rows.length, totals, short, uncounted, requests, requestsOpen: await countOpenKitRequests(ctx.db, where) };
}

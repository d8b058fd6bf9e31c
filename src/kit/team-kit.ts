import { and, eq } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { displayName } from "../people/display-name.js";
import { duties, kitHoldings, kitRequests, people } from "../storage/schema/index.js";
import { requireKitViewer } from "./kit-access.js";
import { DEFAULT_LEVEL1_HEADCOUNT, fullSet, KIT_ITEMS, type KitItem } from "./kit-items.js";
import { openKitRequests } from "./open-kit-requests.js";

/** A team's kit: each item's count (null: never counted), the full set, its open requests, and whether the viewer may change it. */
export async function teamKit(ctx: DomainContext, teamId: number) {
  const { team, leads } = await requireKitViewer(ctx, teamId);
  const rows = await ctx.db
    .select({ item: kitHoldings.item, quantity: kitHoldings.quantity, updatedAt: kitHoldings.updatedAt, updatedBy: displayName(people) })
    .from(kitHoldings)
    .leftJoin(people, eq(people.id, kitHoldings.updatedBy))
    .where(eq(kitHoldings.teamId, teamId));
  const [patrol] = await ctx.db
    .select({ level1: duties.headcountLevel1 })
    .from(duties)
    .where(and(eq(duties.teamId, teamId), eq(duties.kind, "patrol")));
  const holdings = Object.fromEntries(KIT_ITEMS.map((item) => [item, rows.find((r) => r.item === item)?.quantity ?? null])) as Record<KitItem, number | null>;
  const latest = rows.reduce<(typeof rows)[number] | null>((a, r) => (a === null || r.updatedAt > a.updatedAt ? r : a), null);
  const requests = await openKitRequests(ctx.db, eq(kitRequests.teamId, teamId));
  return { team, mayChange: leads, holdings, full: fullSet(patrol?.level1 ?? DEFAULT_LEVEL1_HEADCOUNT), updatedAt: latest?.updatedAt ?? null, updatedBy: latest?.updatedBy ?? null, requests };
}

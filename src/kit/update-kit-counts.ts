import { sql } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { kitHoldings } from "../storage/schema/index.js";
import { requireKitLead } from "./kit-access.js";
import { KIT_ITEMS, QUANTITY_MAX, type KitCounts } from "./kit-items.js";

/** A leader's count of what the team holds; items not named keep their last count. Setting the same count again is harmless. */
export async function updateKitCounts(ctx: DomainContext, teamId: number, counts: KitCounts): Promise<void> {
  const entries = KIT_ITEMS.filter((item) => counts[item] !== undefined).map((item) => [item, counts[item]!] as const);
  if (entries.length === 0) throw new ValidationError("kit.nothing_counted");
  if (entries.some(([, n]) => !Number.isInteger(n) || n < 0 || n > QUANTITY_MAX)) throw new ValidationError("kit.bad_quantity", { max: QUANTITY_MAX });
  await requireKitLead(ctx, teamId);
  const by = actorPersonId(ctx.actor);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(kitHoldings)
      .values(entries.map(([item, quantity]) => ({ teamId, item, quantity, updatedAt: ctx.now, updatedBy: by })))
      .onConflictDoUpdate({ target: [kitHoldings.teamId, kitHoldings.item], set: { quantity: sql`excluded.quantity`, updatedAt: ctx.now, updatedBy: by } });
    await recordAudit(tx, ctx.actor, ctx.now, { action: "kit.count", subjectType: "team", subjectId: teamId, after: Object.fromEntries(entries) });
  });
}

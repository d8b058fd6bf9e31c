import { inArray } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { people } from "../storage/schema/index.js";
import { grantRole } from "./grant-role.js";

/**
 * ADMIN_TELEGRAM_IDS are coordinators from the first start, even before they ever wrote to the
 * bot. Runs at every start and changes nothing when they already are.
 */
export async function ensureCoordinators(ctx: DomainContext, telegramIds: number[]): Promise<void> {
  if (telegramIds.length === 0) return;
  await ctx.db
    .insert(people)
    .values(telegramIds.map((telegramId) => ({ telegramId, createdAt: ctx.now, updatedAt: ctx.now })))
    .onConflictDoNothing();
  const rows = await ctx.db.select({ id: people.id }).from(people).where(inArray(people.telegramId, telegramIds));
  for (const row of rows) await grantRole(ctx, { personId: row.id, role: "coordinator" });
}

import { eq } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { people } from "../storage/schema/index.js";

/**
 * Telegram tells us when someone blocks or unblocks the bot. Blocked people count as unreachable
 * at once, before a message to them fails.
 */
export async function setReachable(ctx: DomainContext, personId: number, reachable: boolean): Promise<void> {
  await ctx.db.update(people).set({ unreachableAt: reachable ? null : ctx.now }).where(eq(people.id, personId));
}

import { and, eq, isNull } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import { broadcastRecipients } from "../storage/schema/index.js";

/**
 * "✅ Received": recorded once, by one conditional update; a second press (or a redelivered one)
 * finds it recorded. Only a recipient can acknowledge, whatever the button's data says.
 */
export async function acknowledgeBroadcast(ctx: DomainContext, broadcastId: number): Promise<"recorded" | "already"> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("broadcast.not_recipient");
  const mine = and(eq(broadcastRecipients.broadcastId, broadcastId), eq(broadcastRecipients.personId, ctx.actor.personId));
  const [recorded] = await ctx.db
    .update(broadcastRecipients)
    .set({ acknowledgedAt: ctx.now })
    .where(and(mine, isNull(broadcastRecipients.acknowledgedAt)))
    .returning({ personId: broadcastRecipients.personId });
  if (recorded) return "recorded";
  const [row] = await ctx.db.select({ at: broadcastRecipients.acknowledgedAt }).from(broadcastRecipients).where(mine);
  if (!row) throw new ForbiddenError("broadcast.not_recipient");
  return "already";
}

import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { kitRequests } from "../storage/schema/index.js";
import { requireKitLead } from "./kit-access.js";
import { KIT_ITEMS, KIT_REQUEST_KINDS, QUANTITY_MAX } from "./kit-items.js";

export const NOTE_MAX = 500;

const inputSchema = z.object({
  teamId: z.number().int().positive(),
  item: z.enum(KIT_ITEMS),
  kind: z.enum(KIT_REQUEST_KINDS),
  quantity: z.number().int().min(1).max(QUANTITY_MAX),
  note: z.string().trim().max(NOTE_MAX).nullable(),
  /** Names the dialog step that sent it: a redelivered answer stores one request. */
  clientKey: z.string().min(1).max(128),
});
export type KitRequestInput = z.input<typeof inputSchema>;

/** ⚠️ A leader reports items missing or worn out; it stays open until a coordinator marks it handled. */
export async function requestKit(ctx: DomainContext, raw: KitRequestInput): Promise<{ requestId: number; created: boolean }> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("kit.person_only");
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("kit.bad_request", { max: QUANTITY_MAX });
  const input = parsed.data;
  await requireKitLead(ctx, input.teamId);
  const [row] = await ctx.db
    .insert(kitRequests)
    .values({ ...input, note: input.note || null, requestedBy: ctx.actor.personId, requestedAt: ctx.now })
    .onConflictDoNothing({ target: kitRequests.clientKey })
    .returning({ id: kitRequests.id });
  if (row) {
    ctx.logger.info({ requestId: row.id, teamId: input.teamId, item: input.item, kind: input.kind }, "kit request");
    return { requestId: row.id, created: true };
  }
  const [again] = await ctx.db.select({ id: kitRequests.id }).from(kitRequests).where(eq(kitRequests.clientKey, input.clientKey));
  return { requestId: again!.id, created: false };
}

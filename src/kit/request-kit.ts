import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { roleHolders } from "../access/role-holders.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { personName } from "../people/display-name.js";
import type { Db } from "../storage/db.js";
import { kitRequests, teams } from "../storage/schema/index.js";
import { requireKitLead } from "./kit-access.js";
import { itemKey, KIT_ITEMS, KIT_REQUEST_KINDS, QUANTITY_MAX } from "./kit-items.js";

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

/**
 * ⚠️ A leader reports items missing or worn out; the coordinators are told, and it stays open
 * until one of them marks it handled.
 */
export async function requestKit(ctx: DomainContext, raw: KitRequestInput): Promise<{ requestId: number; created: boolean }> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("kit.person_only");
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("kit.bad_request", { max: QUANTITY_MAX });
  const input = parsed.data;
  await requireKitLead(ctx, input.teamId);
  const requestedBy = ctx.actor.personId;
  const created = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(kitRequests)
      .values({ ...input, note: input.note || null, requestedBy, requestedAt: ctx.now })
      .onConflictDoNothing({ target: kitRequests.clientKey })
      .returning({ id: kitRequests.id });
    if (row) await tellCoordinators(tx, ctx.now, row.id, input, requestedBy);
    return row;
  });
  if (created) {
    ctx.logger.info({ requestId: created.id, teamId: input.teamId, item: input.item, kind: input.kind }, "kit request");
    return { requestId: created.id, created: true };
  }
  const [again] = await ctx.db.select({ id: kitRequests.id }).from(kitRequests).where(eq(kitRequests.clientKey, input.clientKey));
  return { requestId: again!.id, created: false };
}

/** The coordinators hand out kit: each gets the request with its ✅ Handled button, in the request's transaction. */
async function tellCoordinators(tx: Db, now: Date, requestId: number, input: z.output<typeof inputSchema>, requestedBy: number): Promise<void> {
  const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, input.teamId));
  const name = (await personName(tx, requestedBy)) ?? "-";
  const text = {
    key: "kit-request-notice",
    args: { id: requestId, team: team?.name ?? "-", quantity: input.quantity, item: { key: `kit-item-${itemKey(input.item)}` }, kind: { key: `kit-kind-${input.kind}` }, note: input.note ? ` – ${input.note}` : "", name },
  };
  const buttons = [[{ text: { key: "btn-kit-handled", args: { id: requestId } }, data: `kt:h:${requestId}` }]];
  const coordinators = await roleHolders(tx, "coordinator");
  await enqueueMessages(tx, now, coordinators.map(({ to }) => ({ to, payload: { kind: "message" as const, text, buttons }, dedupeKey: `kit-request:${requestId}:${to.personId}` })));
}

import { and, eq, isNull } from "drizzle-orm";
import { requireCoordinator } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { personName } from "../people/display-name.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { kitRequests, people, teams } from "../storage/schema/index.js";
import { itemKey } from "./kit-items.js";

/**
 * ✅ Handled: a coordinator closes a kit request, and the leader who sent it is told. One
 * conditional update, so a second press (or a second coordinator) changes nothing and is told so.
 */
export async function handleKitRequest(ctx: DomainContext, requestId: number): Promise<void> {
  await requireCoordinator(ctx);
  const by = actorPersonId(ctx.actor);
  const handler = by === null ? "-" : ((await personName(ctx.db, by)) ?? "-");
  await ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .update(kitRequests)
      .set({ handledAt: ctx.now, handledBy: by })
      .where(and(eq(kitRequests.id, requestId), isNull(kitRequests.handledAt)))
      .returning();
    if (!done) {
      const [request] = await tx.select({ handledBy: kitRequests.handledBy }).from(kitRequests).where(eq(kitRequests.id, requestId));
      if (!request) throw new NotFoundError("kit.request_not_found");
      const name = request.handledBy === null ? "-" : ((await personName(tx, request.handledBy)) ?? "-");
      throw new ConflictError("kit.already_handled", { name });
    }
    await recordAudit(tx, ctx.actor, ctx.now, { action: "kit.handle", subjectType: "kit_request", subjectId: requestId });
    const [team] = await tx.select({ name: teams.name }).from(teams).where(eq(teams.id, done.teamId));
    const [leader] = await tx.select(recipientColumns).from(people).where(eq(people.id, done.requestedBy));
    const to = leader ? toRecipient(leader) : null;
    if (!to) return;
    const text = {
      key: "kit-request-handled-notice",
      args: { id: requestId, team: team?.name ?? "-", quantity: done.quantity, item: { key: `kit-item-${itemKey(done.item)}` }, kind: { key: `kit-kind-${done.kind}` }, name: handler },
    };
    await enqueueMessages(tx, ctx.now, [{ to, payload: { kind: "message", text }, dedupeKey: `kit-handled:${requestId}` }]);
  });
}

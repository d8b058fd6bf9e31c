import { eq } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { escalations, people } from "../storage/schema/index.js";
import { commandsScope, wasNotified } from "./handler-access.js";
import { ownEscalation } from "./own-escalation.js";
import { refreshCards } from "./send-step.js";

/**
 * "I'll handle it" on an understaffed-shift, missing-log or help card. Reports are acknowledged
 * on their own card (acknowledgeIncident). The presser must hold a role over the item's team or
 * town, or have been named by the policy; the loser of a race is told who owns it.
 */
export async function acknowledgeEscalation(ctx: DomainContext, escalationId: number) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("escalation.not_yours");
  const personId = ctx.actor.personId;
  const [escalation] = await ctx.db.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!escalation) throw new NotFoundError("escalation.not_found");
  if (escalation.subject === "incident") throw new ValidationError("escalation.use_card");
  const access = await loadAccess(ctx.db, personId);
  if (!commandsScope(access, escalation) && !(await wasNotified(ctx.db, escalation.id, personId))) {
    ctx.logger.warn({ personId, escalationId }, "refused: not in the escalation's scope");
    throw new ForbiddenError("escalation.not_yours");
  }
  return ctx.db.transaction(async (tx) => {
    const owned = await ownEscalation(tx, escalation.subject, escalation.subjectId, personId, ctx.now);
    if (owned === null) {
      const [current] = await tx.select({ status: escalations.status, by: displayName(people) }).from(escalations).leftJoin(people, eq(people.id, escalations.ownerPersonId)).where(eq(escalations.id, escalationId));
      if (current?.status === "owned") throw new ConflictError("escalation.already_owned", { by: current.by ?? "-" });
      throw new ConflictError("escalation.over");
    }
    await refreshCards(tx, escalation.id, ctx.now);
    // An older card of the same call for help answers the newest call too: both cards show it.
    if (owned !== escalation.id) await refreshCards(tx, owned, ctx.now);
    if (escalation.subject === "help" && escalation.raisedBy !== null) {
      const [raiser] = await tx.select(recipientColumns).from(people).where(eq(people.id, escalation.raisedBy));
      const [me] = await tx.select({ name: displayName(people) }).from(people).where(eq(people.id, personId));
      const to = raiser ? toRecipient(raiser) : null;
      if (to) await enqueueMessages(tx, ctx.now, [{ to, payload: { kind: "message", text: { key: "notice-help-coming", args: { name: me?.name ?? "-" } } }, dedupeKey: `help-owned:${owned}` }]);
    }
    return { subject: escalation.subject };
  });
}

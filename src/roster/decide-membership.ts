import { and, eq } from "drizzle-orm";
import { refreshCommandMenu } from "../access/command-menu.js";
import { requireTeamAction } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import { actorPersonId, type DomainContext } from "../domain/context.js";
import { ConflictError, NotFoundError } from "../domain/errors.js";
import { teamLabel } from "../org/team-scope.js";
import { editCardCopies } from "../outbox/edit-group.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { planTeamsNow, type PlanPolicy } from "../shifts/generate-shifts.js";
import { memberships, people } from "../storage/schema/index.js";
import { decidedCardText, signupCardGroup } from "./signup-card.js";

/**
 * Approves or rejects a pending signup. Only a pending membership can be decided, in one
 * conditional update: of two leads pressing at once, one decides and the other is told who did.
 * With `planWith`, an approved volunteer is put at once on the team's nights still short.
 */
export async function decideMembership(ctx: DomainContext, input: { membershipId: number; decision: "approve" | "reject" }, planWith?: PlanPolicy) {
  const [membership] = await ctx.db.select().from(memberships).where(eq(memberships.id, input.membershipId));
  if (!membership) throw new NotFoundError("membership.not_found");
  const { scope } = await requireTeamAction(ctx, "review_signups", membership.teamId);
  const status = input.decision === "approve" ? "active" : "rejected";
  const decider = actorPersonId(ctx.actor);

  const result = await ctx.db.transaction(async (tx) => {
    const [decided] = await tx
      .update(memberships)
      .set({ status, decidedBy: decider, decidedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(memberships.id, membership.id), eq(memberships.status, "pending")))
      .returning();
    if (!decided) {
      const [current] = await tx
        .select({ status: memberships.status, by: people.name })
        .from(memberships)
        .leftJoin(people, eq(people.id, memberships.decidedBy))
        .where(eq(memberships.id, membership.id));
      throw new ConflictError("signup.already_decided", { status: current?.status ?? "unknown", by: current?.by ?? "-" });
    }
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `membership.${input.decision}`,
      subjectType: "membership",
      subjectId: membership.id,
      before: { status: "pending" },
      after: { status },
    });

    const [volunteer] = await tx.select({ ...recipientColumns, name: people.name, phone: people.phone }).from(people).where(eq(people.id, membership.personId));
    const [deciderRow] = decider === null ? [] : await tx.select({ name: people.name }).from(people).where(eq(people.id, decider));
    const team = teamLabel(scope);
    const to = volunteer ? toRecipient(volunteer) : null;
    if (to) {
      await enqueueMessages(tx, ctx.now, [
        {
          to,
          payload: { kind: "message", text: { key: input.decision === "approve" ? "notice-signup-approved" : "notice-signup-rejected", args: { team } } },
          dedupeKey: `signup-decision:${membership.id}:${ctx.now.getTime()}`,
        },
      ]);
    }
    const facts = { membershipId: membership.id, name: volunteer?.name ?? "-", phone: volunteer?.phone ?? null, weekdays: membership.weekdays, team };
    await editCardCopies(tx, ctx.now, signupCardGroup(membership.id), decidedCardText(facts, status === "active" ? "approved" : "rejected", deciderRow?.name ?? "-"));
    await refreshCommandMenu(tx, membership.personId, ctx.now);
    return { status, scope, personId: membership.personId };
  });
  if (planWith && result.status === "active") await planTeamsNow(ctx, [membership.teamId], planWith, true);
  return result;
}

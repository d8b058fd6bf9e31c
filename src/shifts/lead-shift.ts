import { and, eq, inArray, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { assignments, people, roleGrants, shifts } from "../storage/schema/index.js";
import { loadAssignment } from "./assignment-facts.js";
import { markBoardDirty, requireShiftLead } from "./board.js";
import { ALL_KINDS, answeredLine, closeReminders } from "./close-reminders.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

/** The leader marks someone present who could not check in themselves. */
export async function markPresent(ctx: DomainContext, assignmentId: number): Promise<void> {
  const facts = await loadAssignment(ctx.db, assignmentId);
  await requireShiftLead(ctx, facts);
  if (facts.endedAt) throw new ConflictError("shift.not_on_it");
  if (facts.checkedInAt) throw new ConflictError("checkin.already");
  if (ctx.now.getTime() < facts.startsAt.getTime() - 30 * 60_000) throw new ValidationError("checkin.not_open_yet", { start: facts.startTime });
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(assignments)
      .set({ checkedInAt: ctx.now, markedPresentBy: ctx.actor.type === "person" ? ctx.actor.personId : null, noShowAt: null })
      .where(and(eq(assignments.id, assignmentId), isNull(assignments.checkedInAt), isNull(assignments.endedAt)))
      .returning({ id: assignments.id });
    if (!row) throw new ConflictError("checkin.already");
    await markBoardDirty(tx, facts.shiftId, ctx.now);
    await closeReminders(tx, ctx.now, assignmentId, facts.reply ? ["checkin"] : ALL_KINDS, answeredLine({ kind: "checked-in" }, ctx.now));
  });
}

/** Who may lead a shift tonight: the team's leaders and deputies. */
export async function shiftLeadCandidates(ctx: DomainContext, shiftId: number) {
  const [shift] = await selectShiftFacts(ctx.db).where(eq(shifts.id, shiftId));
  if (!shift) throw new NotFoundError("shift.not_found");
  await requireShiftLead(ctx, shift);
  const leads = await ctx.db
    .selectDistinct({ personId: people.id, name: people.name })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.teamId, shift.teamId), inArray(roleGrants.role, ["leader", "deputy"]), isNull(roleGrants.revokedAt)));
  return { shift, leads };
}

/** The team's leader hands tonight's shift to a deputy (or back); the new leader is told. */
export async function handOverShift(ctx: DomainContext, shiftId: number, personId: number): Promise<void> {
  const { shift, leads } = await shiftLeadCandidates(ctx, shiftId);
  const { teamLeader } = await requireShiftLead(ctx, shift);
  if (!teamLeader) throw new ForbiddenError("shift.hand_over");
  if (!leads.some((l) => l.personId === personId)) throw new ValidationError("shift.not_a_deputy");
  await ctx.db.transaction(async (tx) => {
    await tx.update(shifts).set({ leaderPersonId: personId }).where(eq(shifts.id, shiftId));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "shift.hand_over", subjectType: "shift", subjectId: shiftId, before: { leader: shift.leaderPersonId }, after: { leader: personId } });
    const [to] = await tx.select(recipientColumns).from(people).where(eq(people.id, personId));
    const recipient = to ? toRecipient(to) : null;
    if (recipient) {
      await enqueueMessages(tx, ctx.now, [
        { to: recipient, payload: { kind: "message", text: { key: "notice-you-lead-tonight", args: shiftArgs(shift) } }, dedupeKey: `handover:${shiftId}:${personId}:${ctx.now.getTime()}` },
      ]);
    }
  });
}

import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { assignments } from "../storage/schema/index.js";
import { loadAssignment, shiftLeadRecipients } from "./assignment-facts.js";
import { openSlot } from "./open-slot.js";
import type { ShiftPolicy } from "./policy.js";
import { shiftArgs } from "./shift-facts.js";
import { substituteCandidates } from "./substitute-candidates.js";
import { markBoardDirty } from "./board.js";

export const answerSchema = z.object({
  assignmentId: z.number().int().positive(),
  answer: z.enum(["coming", "cant", "substitute"]),
  lateMinutes: z.number().int().min(1).max(240).optional(),
  /** With "substitute": the teammate to ask, instead of the whole team. */
  substitute: z.number().int().positive().optional(),
});
export type ShiftAnswer = z.input<typeof answerSchema>;

/**
 * A volunteer answers "are you coming?". Only their own assignment, only before the shift is over.
 * "Can't come" takes them off and opens the place to teammates; "find me a substitute" opens it
 * while they stay on until someone takes it. The leader is told either way, with the reason.
 */
export async function answerShift(ctx: DomainContext, input: ShiftAnswer, policy: ShiftPolicy) {
  const { assignmentId, answer, lateMinutes, substitute } = answerSchema.parse(input);
  const facts = await loadAssignment(ctx.db, assignmentId);
  if (ctx.actor.type !== "person" || ctx.actor.personId !== facts.personId) throw new ForbiddenError("shift.not_yours");
  if (facts.endedAt) throw new ConflictError("shift.not_on_it");
  if (facts.endsAt <= ctx.now) throw new ValidationError("shift.over");
  if (answer !== "coming" && facts.startsAt <= ctx.now) throw new ValidationError("shift.started");

  return ctx.db.transaction(async (tx) => {
    const unchanged = facts.reply === answer && (answer !== "coming" || (facts.lateMinutes ?? undefined) === lateMinutes);
    if (unchanged) return { answer, changed: false, facts };
    const [updated] = await tx
      .update(assignments)
      .set({
        reply: answer,
        repliedAt: ctx.now,
        lateMinutes: answer === "coming" ? (lateMinutes ?? null) : null,
        ...(answer === "cant" ? { endedAt: ctx.now, endedReason: "cant" } : {}),
      })
      .where(and(eq(assignments.id, assignmentId), isNull(assignments.endedAt)))
      .returning({ id: assignments.id });
    if (!updated) throw new ConflictError("shift.not_on_it");
    await markBoardDirty(tx, facts.shiftId, ctx.now);

    if (answer !== "coming") {
      const named = answer === "substitute" ? substitute : undefined;
      if (named !== undefined && !(await substituteCandidates({ ...ctx, db: tx }, assignmentId, 1000)).some((c) => c.personId === named)) {
        throw new ValidationError("shift.substitute_unavailable");
      }
      await openSlot(tx, ctx.now, { shiftId: facts.shiftId, reason: answer, replacesAssignmentId: assignmentId, offeredOnlyTo: named ?? null }, policy);
    }
    // The leader hears about what changes tonight's roster, not every "coming".
    if (answer !== "coming" || lateMinutes) {
      const leads = await shiftLeadRecipients(tx, facts);
      const key = answer === "coming" ? "notice-running-late" : answer === "cant" ? "notice-cant-come" : "notice-wants-substitute";
      await enqueueMessages(
        tx,
        ctx.now,
        leads.map((to) => ({
          to,
          payload: { kind: "message" as const, text: { key, args: { ...shiftArgs(facts), name: facts.name ?? "-", minutes: lateMinutes ?? 0 } } },
          dedupeKey: `answer:${assignmentId}:${answer}:${lateMinutes ?? 0}:${to.personId}`,
        })),
      );
    }
    return { answer, changed: true, facts };
  });
}

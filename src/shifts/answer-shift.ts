import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ForbiddenError, ValidationError } from "../domain/errors.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { Db } from "../storage/db.js";
import { assignments, openSlots } from "../storage/schema/index.js";
import { loadAssignment, shiftLeadRecipients } from "./assignment-facts.js";
import { offerNextWave, openSlot } from "./open-slot.js";
import { ALL_KINDS, answeredLine, closeReminders, QUESTION_KINDS } from "./close-reminders.js";
import { closeSlots, offerWithdrawnLine } from "./close-slots.js";
import { assignmentOfReminderMessage, onceRecorded } from "./reminder-message.js";
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

/** Where an answer was given: by pressing a button on a message (the reminder's, or another). */
export interface AnsweredOn {
  pressedOn?: { chatId: number; messageId: number };
}

/**
 * A volunteer answers "are you coming?". Only their own assignment, only before the shift is over.
 * "Can't come" takes them off and opens the place to teammates; "find me a substitute" opens it
 * while they stay on until someone takes it. The leader is told either way, with the reason.
 * The reminders then show the answer instead of their buttons; a press on a reminder already
 * answered (a stale client, a forged press) changes nothing: the answer is changed in words.
 */
export async function answerShift(ctx: DomainContext, input: ShiftAnswer, policy: ShiftPolicy, on: AnsweredOn = {}) {
  const { assignmentId, answer, lateMinutes, substitute } = answerSchema.parse(input);
  const facts = await loadAssignment(ctx.db, assignmentId);
  if (ctx.actor.type !== "person" || ctx.actor.personId !== facts.personId) throw new ForbiddenError("shift.not_yours");
  if (facts.endedAt) throw new ConflictError("shift.not_on_it");
  const onReminder = await refuseAnsweredReminder(ctx.db, facts, on);
  if (facts.endsAt <= ctx.now) throw new ValidationError("shift.over");
  if (answer !== "coming" && facts.startsAt <= ctx.now) throw new ValidationError("shift.started");

  return ctx.db.transaction(async (tx) => {
    const unchanged = facts.reply === answer && (answer !== "coming" || (facts.lateMinutes ?? undefined) === lateMinutes);
    if (unchanged) return { answer, changed: false, facts, onReminder };
    const [updated] = await tx
      .update(assignments)
      .set({
        reply: answer,
        repliedAt: ctx.now,
        lateMinutes: answer === "coming" ? (lateMinutes ?? null) : null,
        ...(answer === "cant" ? { endedAt: ctx.now, endedReason: "cant" } : {}),
      })
      // As read above: of two presses at once, or a press racing an answer in words, one counts.
      .where(and(eq(assignments.id, assignmentId), isNull(assignments.endedAt), facts.reply ? eq(assignments.reply, facts.reply) : isNull(assignments.reply)))
      .returning({ id: assignments.id });
    if (!updated) throw new ConflictError("shift.answered_meanwhile");
    await markBoardDirty(tx, facts.shiftId, ctx.now);
    await closeReminders(tx, ctx.now, assignmentId, answer === "cant" ? ALL_KINDS : QUESTION_KINDS, answeredLine({ kind: answer, lateMinutes }, ctx.now));

    const stillSought = facts.reply === "substitute" && (await rethinkSubstituteSearch(tx, ctx.now, assignmentId, answer, facts.name ?? "-", policy));
    if (answer !== "coming" && !stillSought) {
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
    return { answer, changed: true, facts, onReminder };
  });
}

/**
 * A press on a reminder that was already answered changes nothing: its buttons are gone or about
 * to go, so the press is stale or forged. It says what the answer is. Otherwise says whether the
 * press was on the reminder (which the answer edits) or on another message (a "which night?").
 */
async function refuseAnsweredReminder(db: Db, facts: { assignmentId: number; reply: ShiftReply | null }, on: AnsweredOn): Promise<boolean> {
  if (!on.pressedOn) return false;
  const { chatId, messageId } = on.pressedOn;
  // A press can come as soon as Telegram shows the reminder, before its sending is written down.
  const onReminder = (await onceRecorded(db, chatId, () => assignmentOfReminderMessage(db, chatId, messageId))) === facts.assignmentId;
  if (onReminder && facts.reply) throw new ConflictError(`shift.answered_${facts.reply}`);
  return onReminder;
}
type ShiftReply = "coming" | "cant" | "substitute";

/** The same refusal for a press that asks something first ("which teammate?") before answering. */
export async function refuseStalePress(ctx: DomainContext, assignmentId: number, on: AnsweredOn): Promise<void> {
  const facts = await loadAssignment(ctx.db, assignmentId);
  if (ctx.actor.type !== "person" || ctx.actor.personId !== facts.personId) throw new ForbiddenError("shift.not_yours");
  if (facts.endedAt) throw new ConflictError("shift.not_on_it");
  await refuseAnsweredReminder(ctx.db, facts, on);
}

/**
 * A volunteer who asked for a substitute answered again. Coming after all: the search stops and
 * its offers say so. Cannot come: the place still needs someone, so the search goes on (one asked
 * only of a named teammate now asks the team too) rather than a second place opening beside it.
 * Says whether a search goes on.
 */
async function rethinkSubstituteSearch(tx: Db, now: Date, assignmentId: number, answer: "coming" | "cant" | "substitute", name: string, policy: ShiftPolicy): Promise<boolean> {
  const open = await tx
    .select({ id: openSlots.id, onlyTo: openSlots.offeredOnlyTo })
    .from(openSlots)
    .where(and(eq(openSlots.replacesAssignmentId, assignmentId), isNull(openSlots.filledAt), isNull(openSlots.closedAt)));
  if (answer === "coming") {
    await closeSlots(tx, now, open.map((o) => o.id), offerWithdrawnLine(now, name));
    return false;
  }
  const [search] = open;
  if (!search) return false;
  await tx.update(openSlots).set({ reason: "cant", ...(search.onlyTo !== null ? { offeredOnlyTo: null, nextWaveAt: now } : {}) }).where(eq(openSlots.id, search.id));
  if (search.onlyTo !== null) await offerNextWave(tx, now, search.id, policy);
  return true;
}

import type { DomainContext } from "../domain/context.js";
import type { TextRef } from "../outbox/payload.js";
import type { ShiftAnswer } from "./answer-shift.js";
import { loadAssignment } from "./assignment-facts.js";
import { loadSlot } from "./open-slot.js";
import { openOffers, openQuestions } from "./open-questions.js";
import { parseShiftReply, type ShiftReply } from "./parse-reply.js";
import { assignmentOfReminderMessage, onceRecorded, slotOfOfferMessage } from "./reminder-message.js";
import { shiftArgs } from "./shift-facts.js";

export type ClearReply = Exclude<ShiftReply, { kind: "unclear" }>;
/** A question or an offer with its shift, for buttons that name the night. */
export interface AskedQuestion {
  assignmentId: number;
  args: NonNullable<TextRef["args"]>;
}
export interface AskedOffer {
  slotId: number;
  args: NonNullable<TextRef["args"]>;
}

export type TypedAnswer =
  /** The volunteer was asked nothing that is still open: the text is not an answer. */
  | { kind: "none" }
  | { kind: "answer"; answer: ShiftAnswer }
  | { kind: "take"; slotId: number }
  /** A no to a place offered: nothing changes. */
  | { kind: "declined" }
  /** A clear answer that fits more than one open question: which night is meant? */
  | { kind: "which"; reply: ClearReply; questions: AskedQuestion[]; offers: AskedOffer[] }
  /** Not understood: the buttons of what is open, once more. */
  | { kind: "unclear"; questions: AskedQuestion[]; offers: AskedOffer[] };

export const answerOf = (assignmentId: number, reply: ClearReply): ShiftAnswer => ({
  assignmentId,
  answer: reply.kind,
  ...(reply.kind === "coming" && reply.lateMinutes ? { lateMinutes: reply.lateMinutes } : {}),
});

/**
 * What a volunteer's words answer. A reply to a reminder or an offer answers that message, once
 * the message's sending is written down.
 * Otherwise the words go to what the volunteer was actually asked and has not answered: a no
 * only to their own shifts not yet begun, a yes to those or to a place offered to them. One
 * fitting question gets the answer; several get "which night?"; none leaves the text to others.
 */
export async function readTypedAnswer(ctx: DomainContext, text: string, repliedTo: { chatId: number; messageId: number } | null): Promise<TypedAnswer> {
  const reply = parseShiftReply(text);
  if (repliedTo) {
    const { chatId, messageId } = repliedTo;
    const replied = await onceRecorded(ctx.db, chatId, async () => {
      const reminderOf = await assignmentOfReminderMessage(ctx.db, chatId, messageId);
      if (reminderOf !== null) return { assignmentId: reminderOf, slotId: null };
      const offerOf = await slotOfOfferMessage(ctx.db, chatId, messageId);
      return offerOf === null ? null : { assignmentId: null, slotId: offerOf };
    });
    const assignmentId = replied?.assignmentId ?? null;
    if (assignmentId !== null) {
      if (reply.kind !== "unclear") return { kind: "answer", answer: answerOf(assignmentId, reply) };
      return { kind: "unclear", questions: [{ assignmentId, args: shiftArgs(await loadAssignment(ctx.db, assignmentId)) }], offers: [] };
    }
    const slotId = replied?.slotId ?? null;
    const slot = slotId === null ? undefined : await loadSlot(ctx.db, slotId);
    if (slot) {
      if (reply.kind === "coming") return { kind: "take", slotId: slot.slotId };
      if (reply.kind !== "unclear") return { kind: "declined" };
      return { kind: "unclear", questions: [], offers: [{ slotId: slot.slotId, args: shiftArgs(slot) }] };
    }
  }

  const questions = await openQuestions(ctx);
  const offers = (await openOffers(ctx)).map((o) => ({ slotId: o.slotId, args: shiftArgs(o) }));
  const asked = (list: typeof questions) => list.map((q) => ({ assignmentId: q.assignmentId, args: shiftArgs(q) }));
  if (questions.length === 0 && offers.length === 0) return { kind: "none" };
  if (reply.kind === "unclear") return { kind: "unclear", questions: asked(questions), offers };
  if (reply.kind !== "coming") {
    // Only a shift not yet begun can be given up; for one under way, the refusal says so. A no
    // to a place offered changes nothing.
    const open = questions.filter((q) => q.startsAt > ctx.now);
    if (open.length > 1) return { kind: "which", reply, questions: asked(open), offers: [] };
    const target = open[0] ?? questions[0];
    return target ? { kind: "answer", answer: answerOf(target.assignmentId, reply) } : { kind: "declined" };
  }
  if (questions.length === 1 && offers.length === 0) return { kind: "answer", answer: answerOf(questions[0]!.assignmentId, reply) };
  if (questions.length === 0 && offers.length === 1) return { kind: "take", slotId: offers[0]!.slotId };
  return { kind: "which", reply, questions: asked(questions), offers };
}

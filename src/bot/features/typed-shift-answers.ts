import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { answerShift, type AnsweredOn, type ShiftAnswer } from "../../shifts/answer-shift.js";
import { readTypedAnswer, type AskedOffer, type AskedQuestion, type ClearReply, type TypedAnswer } from "../../shifts/read-typed-answer.js";
import { takeSlotData } from "../../shifts/send-slot-offers.js";
import { replyButtons } from "../../shifts/shift-buttons.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import { takeSlot } from "../../shifts/take-slot.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { keyboardOf, renderArgs } from "../views/shift.js";

const REPLY_CODES = { c: "coming", n: "cant", s: "substitute" } as const;
const CODE_OF = { coming: "c", cant: "n", substitute: "s" } as const;
const MAX_LATE_MINUTES = 240;
/** More open at once than this is not a conversation any more; the soonest are shown. */
const MAX_SHOWN = 5;

/** "Which night do you mean?": the button carries the answer typed and the assignment it goes to. */
const whichNightData = (assignmentId: number, reply: ClearReply) =>
  `sq:${CODE_OF[reply.kind]}:${assignmentId}${reply.kind === "coming" && reply.lateMinutes ? `:${reply.lateMinutes}` : ""}`;

/**
 * Answers in words, whether or not sent as a Telegram reply: they go to what the volunteer was
 * asked and has not answered (a reminder, a place offered). One open question gets the answer,
 * several get "which night?", and words not understood get the buttons again. Text from someone
 * with nothing open passes on.
 */
export function typedShiftAnswersFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  composer.callbackQuery(/^sq:([cns]):(\d{1,9})(?::([1-9]\d{0,2}))?$/, async (ctx, next) => {
    const lateMinutes = ctx.match[3] ? Number(ctx.match[3]) : undefined;
    if (lateMinutes !== undefined && lateMinutes > MAX_LATE_MINUTES) return next();
    const answer = REPLY_CODES[ctx.match[1] as "c" | "n" | "s"];
    await guarded(ctx, () => replyToAnswer(ctx, { assignmentId: Number(ctx.match[2]), answer, ...(answer === "coming" && lateMinutes ? { lateMinutes } : {}) }));
  });

  composer.chatType("private").on("message:text", async (ctx, next) => {
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    const replyTo = ctx.message.reply_to_message;
    const repliedTo = replyTo?.from?.id === ctx.me.id ? { chatId: ctx.chat.id, messageId: replyTo.message_id } : null;
    const typed = await readTypedAnswer(ctx.domain(), text, repliedTo);
    if (typed.kind === "none") return next();
    await guarded(ctx, () => act(ctx, typed));
  });

  return composer;
}

function act(ctx: DialogContext, typed: Exclude<TypedAnswer, { kind: "none" }>): Promise<void> {
  switch (typed.kind) {
    case "answer":
      return replyToAnswer(ctx, typed.answer);
    case "take":
      return replyToTake(ctx, typed.slotId);
    case "declined":
      return ctx.reply(ctx.t("offer-declined")).then(() => undefined);
    case "which":
      return askWhichNight(ctx, typed.reply, typed.questions, typed.offers);
    case "unclear":
      return showButtonsAgain(ctx, typed.questions, typed.offers);
  }
}

/** The message a pressed button was on, so a press on an answered reminder is told so. */
export const pressedOn = (ctx: DialogContext): AnsweredOn => {
  const message = ctx.callbackQuery?.message;
  return message ? { pressedOn: { chatId: message.chat.id, messageId: message.message_id } } : {};
};

/**
 * Records an answer (from a button or words) and says what happens now. The same button pressed
 * again (a redelivered press) changes nothing and gets a popup rather than a second reply. A
 * question asked in this chat rather than through the outbox ("which night?", "which teammate?")
 * loses its buttons here; the reminder is edited by the outbox.
 */
export async function replyToAnswer(ctx: DialogContext, input: ShiftAnswer): Promise<void> {
  const { facts, changed, onReminder } = await answerShift(ctx.domain(), input, ctx.deps.policy, pressedOn(ctx));
  ctx.deps.nudgeOutbox();
  if (!changed && ctx.callbackQuery) {
    await ctx.answerCallbackQuery({ text: ctx.t(`err-shift-answered-${input.answer}`), show_alert: true });
    return;
  }
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  // Best effort: a keyboard left in place only gets "already answered" if pressed again.
  if (ctx.callbackQuery?.message && !onReminder) await ctx.editMessageReplyMarkup().catch((error: unknown) => ctx.logger.warn({ err: error }, "removing answered buttons failed"));
  const key = input.answer === "coming" ? (input.lateMinutes ? "answer-late" : "answer-coming") : `answer-${input.answer}`;
  await ctx.reply(ctx.t(key, { ...(await renderArgs(ctx, shiftArgs(facts))), minutes: input.lateMinutes ?? 0 }));
}

/** Takes an offered place (from the button or words): the first to take it gets it. */
export async function replyToTake(ctx: DialogContext, slotId: number): Promise<void> {
  const { args } = await takeSlot(ctx.domain(), slotId, ctx.deps.policy);
  ctx.deps.nudgeOutbox();
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  await ctx.reply(ctx.t("slot-yours", await renderArgs(ctx, args)));
}

async function askWhichNight(ctx: DialogContext, reply: ClearReply, questions: AskedQuestion[], offers: AskedOffer[]): Promise<void> {
  const keyboard = new InlineKeyboard();
  for (const q of questions.slice(0, MAX_SHOWN)) keyboard.text(ctx.t("btn-which-night", await renderArgs(ctx, q.args)), whichNightData(q.assignmentId, reply)).row();
  for (const o of offers.slice(0, MAX_SHOWN)) keyboard.text(ctx.t("btn-which-night-offer", await renderArgs(ctx, o.args)), takeSlotData(o.slotId)).row();
  await ctx.reply(ctx.t("which-night"), { reply_markup: keyboard });
}

async function showButtonsAgain(ctx: DialogContext, questions: AskedQuestion[], offers: AskedOffer[]): Promise<void> {
  const asked = [
    ...questions.map((q) => ({ args: q.args, buttons: replyButtons(q.assignmentId) })),
    ...offers.map((o) => ({ args: o.args, buttons: [[{ text: { key: "btn-take-slot" }, data: takeSlotData(o.slotId) }]] })),
  ].slice(0, MAX_SHOWN);
  if (asked.length === 1) {
    await ctx.reply(ctx.t("reply-unclear"), { reply_markup: keyboardOf(ctx, asked[0]!.buttons) });
    return;
  }
  await ctx.reply(ctx.t("reply-unclear-several"));
  for (const a of asked) await ctx.reply(ctx.t("asked-night", await renderArgs(ctx, a.args)), { reply_markup: keyboardOf(ctx, a.buttons) });
}

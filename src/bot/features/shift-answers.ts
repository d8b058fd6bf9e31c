import { Composer, InlineKeyboard } from "grammy";
import { answerShift, type ShiftAnswer } from "../../shifts/answer-shift.js";
import { parseShiftReply } from "../../shifts/parse-reply.js";
import { replyButtons } from "../../shifts/shift-buttons.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import { assignmentOfReminderMessage } from "../../shifts/reminder-message.js";
import { substituteCandidates } from "../../shifts/substitute-candidates.js";
import { takeSlot } from "../../shifts/take-slot.js";
import { upcomingShifts } from "../../shifts/upcoming-shifts.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { keyboardOf, renderArgs } from "../views/shift.js";

const ANSWERS = { c: "coming", n: "cant", s: "substitute" } as const;

/**
 * Answers to "are you coming?": the buttons, a teammate named as substitute, taking an open place,
 * and replies in words to a reminder (or, when only one shift is waiting for an answer, without
 * replying to it). Each goes through a verb that checks the assignment is the presser's own.
 */
export function shiftAnswersFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(/^sh:([cn]):([1-9]\d{0,8})$/, (ctx) =>
    guarded(ctx, async () => {
      await answer(ctx, { assignmentId: Number(ctx.match[2]), answer: ANSWERS[ctx.match[1] as "c" | "n"] });
    }),
  );

  composer.callbackQuery(/^sh:s:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const assignmentId = Number(ctx.match[1]);
      const candidates = await substituteCandidates(ctx.domain(), assignmentId);
      if (candidates.length === 0) {
        await answer(ctx, { assignmentId, answer: "substitute" });
        return;
      }
      const keyboard = new InlineKeyboard();
      for (const c of candidates) keyboard.text(c.name ?? "-", `sn:${assignmentId}:${c.personId}`).row();
      keyboard.text(ctx.t("btn-ask-team"), `sn:${assignmentId}:0`);
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("substitute-who"), { reply_markup: keyboard });
    }),
  );

  composer.callbackQuery(/^sn:([1-9]\d{0,8}):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const substitute = Number(ctx.match[2]);
      await answer(ctx, { assignmentId: Number(ctx.match[1]), answer: "substitute", ...(substitute ? { substitute } : {}) });
    }),
  );

  composer.callbackQuery(/^sl:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const { args } = await takeSlot(ctx.domain(), Number(ctx.match[1]), ctx.deps.policy);
      ctx.deps.nudgeOutbox();
      await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("slot-yours", await renderArgs(ctx, args)));
    }),
  );

  composer.chatType("private").on("message:text", async (ctx, next) => {
    const replyTo = ctx.message.reply_to_message;
    const text = ctx.message.text;
    if (text.startsWith("/")) return next();
    let assignmentId: number | null = null;
    if (replyTo?.from?.id === ctx.me.id) assignmentId = await assignmentOfReminderMessage(ctx.deps.db, ctx.chat.id, replyTo.message_id);
    const parsed = parseShiftReply(text);
    if (assignmentId === null) {
      // Not a reply to a reminder: only a clear answer with exactly one shift waiting for one.
      if (parsed.kind === "unclear") return next();
      const waiting = (await upcomingShifts(ctx.domain(), 2)).filter((s) => s.reply === null && s.startsAt > ctx.deps.clock());
      if (waiting.length !== 1) return next();
      assignmentId = waiting[0]!.assignmentId;
    }
    if (parsed.kind === "unclear") {
      await ctx.reply(ctx.t("reply-unclear"), { reply_markup: keyboardOf(ctx, replyButtons(assignmentId)) });
      return;
    }
    await guarded(ctx, () => answer(ctx, { assignmentId: assignmentId!, answer: parsed.kind, ...(parsed.kind === "coming" && parsed.lateMinutes ? { lateMinutes: parsed.lateMinutes } : {}) }));
  });

  return composer;
}

async function answer(ctx: DialogContext, input: ShiftAnswer): Promise<void> {
  const { facts } = await answerShift(ctx.domain(), input, ctx.deps.policy);
  ctx.deps.nudgeOutbox();
  if (ctx.callbackQuery) await ctx.answerCallbackQuery();
  const key = input.answer === "coming" ? (input.lateMinutes ? "answer-late" : "answer-coming") : `answer-${input.answer}`;
  await ctx.reply(ctx.t(key, { ...(await renderArgs(ctx, shiftArgs(facts))), minutes: input.lateMinutes ?? 0 }));
}

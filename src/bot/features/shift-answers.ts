import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { refuseStalePress } from "../../shifts/answer-shift.js";
import { substituteCandidates } from "../../shifts/substitute-candidates.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { pressedOn, replyToAnswer as answer, replyToTake, typedShiftAnswersFeature } from "./typed-shift-answers.js";

const ANSWERS = { c: "coming", n: "cant", s: "substitute" } as const;

/**
 * Answers to "are you coming?": the buttons, a teammate named as substitute, taking an open place,
 * and answers in words (typed-shift-answers). Each goes through a verb that checks the assignment
 * is the presser's own.
 */
export function shiftAnswersFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();

  composer.callbackQuery(/^sh:([cn]):([1-9]\d{0,8})$/, (ctx) =>
    guarded(ctx, async () => {
      await answer(ctx, { assignmentId: Number(ctx.match[2]), answer: ANSWERS[ctx.match[1] as "c" | "n"] });
    }),
  );

  composer.callbackQuery(/^sh:s:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const assignmentId = Number(ctx.match[1]);
      await refuseStalePress(ctx.domain(), assignmentId, pressedOn(ctx));
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

  composer.callbackQuery(/^sl:(\d{1,9})$/, (ctx) => guarded(ctx, () => replyToTake(ctx, Number(ctx.match[1]))));

  composer.use(typedShiftAnswersFeature());
  return composer;
}

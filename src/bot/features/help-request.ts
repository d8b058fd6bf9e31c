import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { requestHelp } from "../../shifts/request-help.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";

/** "I need help" during a patrol: /sos or the check-in message's button; the verb checks the shift is the presser's. */
export function helpRequestFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const call = (ctx: BotContext, assignmentId?: number) =>
    guarded(ctx, async () => {
      await requestHelp(ctx.domain(), ctx.deps.policy, assignmentId === undefined ? {} : { assignmentId });
      ctx.deps.nudgeOutbox();
      if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      await ctx.reply(ctx.t("help-called"));
    });
  composer.chatType("private").command("sos", (ctx) => call(ctx));
  composer.callbackQuery(/^hp:(\d{1,9})$/, (ctx) => call(ctx, Number(ctx.match[1])));
  return composer;
}

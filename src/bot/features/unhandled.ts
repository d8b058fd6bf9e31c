import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import type { BotContext } from "../context.js";

/** Last in line: a stale button gets a popup, an unknown private message a pointer to /help. */
export function unhandledFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: ctx.t("err-stale-button"), show_alert: true }));
  composer.chatType("private").on("message", (ctx) => ctx.reply(ctx.t("unhandled")));
  return composer;
}

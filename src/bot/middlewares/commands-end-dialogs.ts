import type { MiddlewareFn } from "grammy";
import { INVITE_PREFIX } from "../../roster/invites.js";
import type { BotContext } from "../context.js";
import { isDialogWord } from "../dialogs/next-input.js";

/**
 * A new command ends the dialog waiting in this chat, then runs as usual. A dialog waits up to a
 * day; left waiting, it took what came after a new command (the CSV an /import asks for), and a
 * signup held back even /report. The user is told what ended; a signup is finished by opening the
 * invite link again. /cancel (handled before) and the dialogs' own words (/skip, /done) stay
 * answers to the dialog.
 */
export const commandsEndDialogs: MiddlewareFn<BotContext> = async (ctx, next) => {
  const text = ctx.message?.text;
  const entity = ctx.message?.entities?.[0];
  const isCommand = text !== undefined && entity?.type === "bot_command" && entity.offset === 0;
  const waiting = Object.keys(ctx.conversation.active());
  if (!isCommand || waiting.length === 0 || isDialogWord(text.slice(0, entity.length).split("@")[0])) return next();

  await ctx.conversation.exitAll();
  // Opening an invite link again restarts the signup: nothing to explain.
  const reopensSignup = /^\/start(@\S+)?\s/.test(text) && (text.split(/\s+/)[1] ?? "").startsWith(INVITE_PREFIX);
  if (!reopensSignup) await ctx.reply(ctx.t(waiting.includes("signup") ? "dialog-ended-signup" : "dialog-ended"), { reply_markup: { remove_keyboard: true } });
  await next();
};

import type { MiddlewareFn } from "grammy";
import { cleanStrings, withoutControlCharacters } from "../../domain/control-characters.js";
import type { BotContext } from "../context.js";

/**
 * First of all: control characters in what a user wrote (message text, captions, names, file
 * names) become spaces, before a handler, a dialog or its stored state sees them. A U+0000 that
 * reached PostgreSQL would fail the whole update.
 */
export const cleanInput: MiddlewareFn<BotContext> = async (ctx, next) => {
  // Button data is the bot's own and must come back exactly as sent: the menu plugin hides a
  // fingerprint in it that may well contain control characters. Handlers match it exactly, so a
  // forged one is a stale button; the dialog store guards against its U+0000.
  const query = ctx.update.callback_query;
  const data = query?.data;
  cleanStrings(ctx.update, withoutControlCharacters);
  if (query && data !== undefined) query.data = data;
  await next();
};

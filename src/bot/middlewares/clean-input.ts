import type { MiddlewareFn } from "grammy";
import { scrubControlCharacters } from "../../domain/control-characters.js";
import type { BotContext } from "../context.js";

/**
 * First of all: control characters in anything a user sent (message text, captions, names, file
 * names, button data) become spaces, before a handler, a dialog or its stored state sees them.
 * A U+0000 that reached PostgreSQL would fail the whole update.
 */
export const cleanInput: MiddlewareFn<BotContext> = async (ctx, next) => {
  scrubControlCharacters(ctx.update);
  await next();
};

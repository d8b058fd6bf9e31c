import { InlineKeyboard } from "grammy";
import type { OutboxButton, TextRef } from "../../outbox/payload.js";
import type { DialogContext } from "../context.js";
import { resolveArgs } from "../deliver.js";

/** Message arguments (as verbs build them for the outbox) resolved for the person in this chat. */
export async function renderArgs(ctx: DialogContext, args: TextRef["args"]): Promise<Record<string, string | number>> {
  return resolveArgs(args, await ctx.i18n.getLocale(), (_locale, key, a) => ctx.t(key, a), ctx.deps.config.BOT_TIMEZONE);
}

/** The same buttons a verb puts on an outbox message, for a direct reply. */
export function keyboardOf(ctx: DialogContext, rows: OutboxButton[][]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  for (const row of rows) {
    for (const b of row) {
      if ("data" in b) keyboard.text(ctx.t(b.text.key), b.data);
      else keyboard.url(ctx.t(b.text.key), b.url);
    }
    keyboard.row();
  }
  return keyboard;
}

import type { InlineKeyboard } from "grammy";
import type { DialogContext } from "../context.js";

/** Telegram takes 4,096 characters a message; this leaves room for what a client adds. */
const MESSAGE_MAX = 3800;

/**
 * Sends blocks (joined by a blank line) in as few messages as fit; a long list becomes several
 * messages rather than a refused one. The keyboard goes on the last.
 */
export async function replyInParts(ctx: DialogContext, blocks: string[], keyboard?: InlineKeyboard): Promise<void> {
  const parts: string[] = [];
  for (const block of blocks) {
    const last = parts.at(-1);
    if (last !== undefined && last.length + 2 + block.length <= MESSAGE_MAX) parts[parts.length - 1] = `${last}\n\n${block}`;
    else parts.push(block.slice(0, MESSAGE_MAX));
  }
  for (const [i, part] of parts.entries()) await ctx.reply(part, i === parts.length - 1 && keyboard ? { reply_markup: keyboard } : {});
}

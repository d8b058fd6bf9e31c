import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import type { BotContext } from "../context.js";

/** /export opens its dialog (coordinators; the dialog refuses anyone else). */
export function exportsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("export", async (ctx) => {
    await ctx.conversation.exitAll();
    await ctx.conversation.enter("export");
  });
  return composer;
}

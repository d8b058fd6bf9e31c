import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { loadAccess } from "../../access/access.js";
import { commandsFor } from "../../access/command-menu.js";
import { describePerson } from "../../people/describe-person.js";
import type { BotContext } from "../context.js";
import { renderProfile } from "../views/profile.js";

/** /me and /help: what you are here, and the commands your roles give you. */
export function meFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("me", async (ctx) => {
    const profile = await describePerson(ctx.deps.db, ctx.person!.personId);
    await ctx.reply(await renderProfile(ctx, profile));
  });

  chat.command("help", async (ctx) => {
    const commands = commandsFor(await loadAccess(ctx.deps.db, ctx.person!.personId));
    const lines = commands.map((c) => `/${c} — ${ctx.t(`cmd-${c}`)}`);
    await ctx.reply([ctx.t("help-title"), ...lines].join("\n"));
  });

  return composer;
}

import type { Composer} from "grammy";
import { Keyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { describePerson } from "../../people/describe-person.js";
import { INVITE_PREFIX } from "../../roster/invites.js";
import { linkByPhone } from "../../roster/link-by-phone.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderProfile } from "../views/profile.js";

/**
 * /start with an invite payload opens the signup dialog. A bare /start greets members with their
 * status, and offers newcomers a way to be found if their community registered them.
 */
export function startFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("start", async (ctx) => {
    const payload = ctx.match.trim();
    if (payload.startsWith(INVITE_PREFIX)) {
      await ctx.conversation.exitAll();
      await ctx.conversation.enter("signup", payload.slice(INVITE_PREFIX.length));
      return;
    }
    const profile = await describePerson(ctx.deps.db, ctx.person!.personId);
    if (profile.memberships.length > 0 || profile.roles.length > 0) {
      await ctx.reply(await renderProfile(ctx, profile));
      return;
    }
    await ctx.reply(ctx.t("start-newcomer"), {
      reply_markup: new Keyboard().requestContact(ctx.t("btn-share-phone")).resized().oneTime(),
    });
  });

  chat.on("message:contact", async (ctx) =>
    guarded(ctx, async () => {
      if (ctx.message.contact.user_id !== ctx.from.id) {
        await ctx.reply(ctx.t("signup-contact-not-yours"));
        return;
      }
      const personId = await linkByPhone(ctx.domain(), ctx.message.contact.phone_number);
      ctx.deps.nudgeOutbox();
      const profile = await describePerson(ctx.deps.db, personId);
      await ctx.reply(ctx.t("link-done"), { reply_markup: { remove_keyboard: true } });
      await ctx.reply(await renderProfile(ctx, profile));
    }),
  );

  return composer;
}

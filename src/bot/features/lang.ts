import { Menu } from "@grammyjs/menu";
import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { setLocale } from "../../people/set-locale.js";
import type { BotContext } from "../context.js";

/** /lang: a two-button menu; the choice is stored on the person and wins over the client's language. */
export function langFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const choose = (locale: "zh" | "en") => async (ctx: BotContext) => {
    await setLocale(ctx.domain(), ctx.person!.personId, locale);
    ctx.deps.nudgeOutbox();
    ctx.i18n.useLocale(locale);
    await ctx.editMessageText(ctx.t("lang-set"));
  };
  const menu = new Menu<BotContext>("lang").text("中文", choose("zh")).text("English", choose("en"));
  composer.use(menu);
  composer.chatType("private").command("lang", (ctx) => ctx.reply(ctx.t("lang-choose"), { reply_markup: menu }));
  return composer;
}

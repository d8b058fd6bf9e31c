import type { Conversation } from "@grammyjs/conversations";
import { InlineKeyboard, Keyboard } from "grammy";
import { localeFromLanguageCode } from "../../people/locale.js";
import { setLocale } from "../../people/set-locale.js";
import { resolveInvite } from "../../roster/invites.js";
import { submitSignup } from "../../roster/submit-signup.js";
import { teamLabel } from "../../org/team-scope.js";
import { toggleDay } from "../../roster/weekdays.js";
import type { BotContext, DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { weekdayKeyboard } from "../keyboards/weekdays.js";

type SignupConversation = Conversation<BotContext, DialogContext>;
/**
 * The signup dialog behind an invite link: language (when unknown), name, own phone (optional),
 * patrol weekdays, consent. Each answer is checked; a wrong kind of answer gets a hint and the
 * same question again. /cancel leaves it at any step.
 */
export async function signupDialog(conversation: SignupConversation, ctx: DialogContext, code: string): Promise<void> {
  const invite = await attempt(conversation, async (o) => teamLabel((await resolveInvite(o.deps.db, code, o.deps.clock())).scope));
  if (!invite.ok) {
    await ctx.reply(ctx.t(invite.key, invite.args));
    return;
  }
  const team = invite.value;

  // Decided once and stored: on replay the person already has a locale, and the dialog must
  // take the same path it took the first time.
  const askLanguage = await conversation.external((o) => !o.person?.locale && !localeFromLanguageCode(o.from?.language_code));
  if (askLanguage) {
    await ctx.reply(ctx.t("signup-ask-language"), {
      reply_markup: new InlineKeyboard().text("中文", "lg:zh").text("English", "lg:en"),
    });
    const choice = await conversation.waitForCallbackQuery(/^lg:(zh|en)$/, { otherwise: (o) => o.reply(o.t("hint-use-buttons")) });
    const locale = choice.callbackQuery.data.slice(3);
    await attempt(conversation, async (o) => setLocale(o.domain(), o.person!.personId, locale));
    await choice.answerCallbackQuery();
    ctx.i18n.useLocale(locale);
  }

  await ctx.reply(ctx.t("signup-welcome", { team }));
  let name = "";
  while (!name) {
    await ctx.reply(ctx.t("signup-ask-name"));
    const answer = await conversation.waitFor("message:text", { otherwise: (o) => o.reply(o.t("hint-text-expected")) });
    const text = answer.message.text.trim();
    if (text.length === 0 || text.length > 64 || text.startsWith("/")) await answer.reply(ctx.t("signup-name-invalid"));
    else name = text;
  }

  await ctx.reply(ctx.t("signup-ask-phone"), {
    reply_markup: new Keyboard().requestContact(ctx.t("btn-share-phone")).row().text(ctx.t("btn-skip")).resized().oneTime(),
  });
  let phone: string | null | undefined;
  while (phone === undefined) {
    const answer = await conversation.waitFor(["message:contact", "message:text"], { otherwise: (o) => o.reply(o.t("hint-phone-expected")) });
    const contact = answer.message?.contact;
    if (contact) {
      if (contact.user_id !== answer.from?.id) await answer.reply(ctx.t("signup-contact-not-yours"));
      else phone = contact.phone_number;
    } else if (answer.message?.text === ctx.t("btn-skip") || answer.message?.text === "/skip") {
      phone = null;
    } else {
      await answer.reply(ctx.t("hint-phone-expected"));
    }
  }
  await ctx.reply(ctx.t(phone ? "signup-phone-thanks" : "signup-phone-skipped"), { reply_markup: { remove_keyboard: true } });

  let mask = 0;
  const locale = await ctx.i18n.getLocale();
  await ctx.reply(ctx.t("signup-ask-weekdays"), { reply_markup: weekdayKeyboard(mask, locale, ctx.t("btn-done")) });
  for (;;) {
    const press = await conversation.waitForCallbackQuery(/^wd:([1-7]|done)$/, { otherwise: (o) => o.reply(o.t("hint-use-buttons")) });
    const value = press.callbackQuery.data.slice(3);
    if (value === "done") {
      if (mask !== 0) {
        await press.answerCallbackQuery();
        break;
      }
      await press.answerCallbackQuery({ text: ctx.t("err-signup-no-weekdays"), show_alert: true });
      continue;
    }
    mask = toggleDay(mask, Number(value));
    await press.answerCallbackQuery();
    await press.editMessageReplyMarkup({ reply_markup: weekdayKeyboard(mask, locale, ctx.t("btn-done")) });
  }

  await ctx.reply(ctx.t("signup-ask-consent"), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-consent-yes"), "cs:y").text(ctx.t("btn-consent-no"), "cs:n"),
  });
  const consent = await conversation.waitForCallbackQuery(/^cs:[yn]$/, { otherwise: (o) => o.reply(o.t("hint-use-buttons")) });
  await consent.answerCallbackQuery();
  if (consent.callbackQuery.data === "cs:n") {
    await ctx.reply(ctx.t("signup-declined"));
    return;
  }

  const result = await attempt(conversation, async (o) => {
    const outcome = await submitSignup(o.domain(), { code, name, phone, weekdays: mask, consent: true });
    o.deps.nudgeOutbox();
    return outcome.outcome;
  });
  if (!result.ok) await ctx.reply(ctx.t(result.key, result.args));
  else await ctx.reply(ctx.t(result.value === "linked" ? "signup-linked" : "signup-pending", { team }));
}

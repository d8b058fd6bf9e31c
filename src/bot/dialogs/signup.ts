import { InlineKeyboard, Keyboard } from "grammy";
import { localeFromLanguageCode } from "../../people/locale.js";
import { setLocale } from "../../people/set-locale.js";
import { resolveInvite } from "../../roster/invites.js";
import { submitSignup } from "../../roster/submit-signup.js";
import { teamLabel } from "../../org/team-scope.js";
import { toggleDay } from "../../roster/weekdays.js";
import type { DialogContext } from "../context.js";
import { weekdayKeyboard } from "../keyboards/weekdays.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, type DialogConversation } from "./next-input.js";

/** The signup dialog's buttons (button-namespaces.ts). */
const BUTTONS = "sg:";

/**
 * The signup dialog behind an invite link: language (when unknown), name, own phone (optional),
 * patrol weekdays, consent. Each answer is checked; a wrong kind of answer gets a hint and the
 * same question again. /cancel leaves it at any step.
 */
export async function signupDialog(conversation: DialogConversation, ctx: DialogContext, code: string): Promise<void> {
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
      reply_markup: new InlineKeyboard().text("中文", "sg:lang:zh").text("English", "sg:lang:en"),
    });
    const locale = (await choose(conversation, BUTTONS, /^sg:lang:(zh|en)$/)).match[1]!;
    await attempt(conversation, async (o) => setLocale(o.domain(), o.person!.personId, locale));
    ctx.i18n.useLocale(locale);
  }

  await ctx.reply(ctx.t("signup-welcome", { team }));
  const name = await askName(conversation, ctx);
  const phone = await askPhone(conversation, ctx);
  const mask = await askWeekdays(conversation, ctx);

  await ctx.reply(ctx.t("signup-ask-consent"), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-consent-yes"), "sg:consent:yes").text(ctx.t("btn-consent-no"), "sg:consent:no"),
  });
  if ((await choose(conversation, BUTTONS, /^sg:consent:(yes|no)$/)).match[1] === "no") {
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

async function askName(conversation: DialogConversation, ctx: DialogContext): Promise<string> {
  await ctx.reply(ctx.t("signup-ask-name"));
  for (;;) {
    const u = await nextInput(conversation, BUTTONS);
    const text = u.message?.text?.trim();
    if (u.callbackQuery) await answerPress(u, ctx.t("hint-text-expected"));
    else if (text === undefined) await u.reply(ctx.t("hint-text-expected"));
    else if (text.length > 0 && text.length <= 64 && !text.startsWith("/")) return text;
    else {
      await u.reply(ctx.t("signup-name-invalid"));
      await u.reply(ctx.t("signup-ask-name"));
    }
  }
}

/** The volunteer's own number from the contact button, or null when they skip. */
async function askPhone(conversation: DialogConversation, ctx: DialogContext): Promise<string | null> {
  await ctx.reply(ctx.t("signup-ask-phone"), {
    reply_markup: new Keyboard().requestContact(ctx.t("btn-share-phone")).row().text(ctx.t("btn-skip")).resized().oneTime(),
  });
  for (;;) {
    const u = await nextInput(conversation, BUTTONS);
    const contact = u.message?.contact;
    const text = u.message?.text?.trim();
    if (u.callbackQuery) await answerPress(u, ctx.t("hint-phone-expected"));
    else if (contact && contact.user_id !== u.from?.id) await u.reply(ctx.t("signup-contact-not-yours"));
    else if (contact || text === ctx.t("btn-skip") || text === "/skip") {
      await ctx.reply(ctx.t(contact ? "signup-phone-thanks" : "signup-phone-skipped"), { reply_markup: { remove_keyboard: true } });
      return contact?.phone_number ?? null;
    } else await u.reply(ctx.t("hint-phone-expected"));
  }
}

/** Days toggled on one keyboard, edited in place; Done needs at least one. */
async function askWeekdays(conversation: DialogConversation, ctx: DialogContext): Promise<number> {
  let mask = 0;
  const locale = await ctx.i18n.getLocale();
  const keyboard = () => weekdayKeyboard(mask, locale, ctx.t("btn-done"), "sg:day:");
  await ctx.reply(ctx.t("signup-ask-weekdays"), { reply_markup: keyboard() });
  for (;;) {
    const u = await nextInput(conversation, BUTTONS);
    const value = /^sg:day:([1-7]|done)$/.exec(u.callbackQuery?.data ?? "")?.[1];
    if (value === undefined) {
      if (u.callbackQuery) await answerPress(u, ctx.t("hint-use-buttons"));
      else await u.reply(ctx.t("hint-use-buttons"));
    } else if (value !== "done") {
      mask = toggleDay(mask, Number(value));
      await answerPress(u);
      await u.editMessageReplyMarkup({ reply_markup: keyboard() });
    } else if (mask === 0) await answerPress(u, ctx.t("err-signup-no-weekdays"), { alert: true });
    else {
      await answerPress(u);
      return mask;
    }
  }
}

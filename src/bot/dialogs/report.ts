import { InlineKeyboard, Keyboard } from "grammy";
import { DESCRIPTION_MAX, PHOTOS_MAX, type Category } from "../../incidents/categories.js";
import { insideBox } from "../../incidents/report-settings.js";
import { reporterContext } from "../../incidents/reporter-context.js";
import { submitReport } from "../../incidents/submit-report.js";
import type { DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { reportEmergency } from "./report-emergency.js";
import { nextInput, photoFileId, saysDone, type DialogConversation } from "./next-input.js";

function categoryKeyboard(ctx: DialogContext, categories: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  categories.forEach((c, i) => {
    keyboard.text(ctx.t(`category-${c}`), `rp:c:${c}`);
    if (i % 2 === 1) keyboard.row();
  });
  return keyboard.row().text(ctx.t("btn-cancel"), "rp:cancel");
}

/**
 * /report: category, description (text or voice), up to five photos, a location, confirmation.
 * Every answer is checked and a wrong kind gets a hint and the same question again. An emergency
 * skips the optional steps: it is paged at once and described afterwards. The dialog's state is
 * stored, so a restart resumes it at the same step.
 */
export async function reportDialog(conversation: DialogConversation, ctx: DialogContext, preset?: string): Promise<void> {
  const who = await attempt(conversation, (o) => reporterContext(o.domain(), o.deps.reports));
  if (!who.ok) return void (await ctx.reply(ctx.t(who.key, who.args)));
  const reporter = who.value;
  const clientKey = await conversation.external(() => `report:${ctx.chat!.id}:${crypto.randomUUID()}`);

  let category = reporter.categories.find((c) => c === preset);
  if (!category) {
    if (reporter.public) await ctx.reply(ctx.t("report-public-intro"));
    await ctx.reply(ctx.t("report-ask-category"), { reply_markup: categoryKeyboard(ctx, reporter.categories) });
    while (!category) {
      const u = await nextInput(conversation);
      const data = u.callbackQuery?.data;
      if (data === "rp:cancel") return void (await u.answerCallbackQuery({ text: ctx.t("report-cancelled") }));
      category = reporter.categories.find((c) => data === `rp:c:${c}`);
      if (category) await u.answerCallbackQuery();
      else if (u.callbackQuery) await u.answerCallbackQuery({ text: ctx.t("hint-use-buttons"), show_alert: true });
      else await u.reply(ctx.t("hint-use-buttons"));
    }
  }
  if (category === "emergency") return reportEmergency(conversation, ctx, clientKey, reporter.checkInLocation);

  await ctx.reply(ctx.t("report-ask-description", { max: DESCRIPTION_MAX }));
  let description: string | null = null;
  let voiceFileId: string | null = null;
  while (!description && !voiceFileId) {
    const u = await nextInput(conversation);
    const text = u.message?.text?.trim();
    if (u.message?.voice) voiceFileId = u.message.voice.file_id;
    else if (text && text.length > DESCRIPTION_MAX) {
      await u.reply(ctx.t("report-description-too-long", { length: text.length, max: DESCRIPTION_MAX }));
      // The question again, so it is clear the dialog still waits for the description.
      await u.reply(ctx.t("report-ask-description", { max: DESCRIPTION_MAX }));
    } else if (text) description = text;
    else await u.reply(ctx.t(u.message?.photo ? "report-hint-photo-first" : "report-hint-description"));
  }

  const photos: string[] = [];
  const done = new InlineKeyboard().text(ctx.t("btn-done"), "rp:done");
  await ctx.reply(ctx.t("report-ask-photos", { max: PHOTOS_MAX }), { reply_markup: done });
  for (;;) {
    const u = await nextInput(conversation);
    const photo = photoFileId(u);
    if (u.callbackQuery?.data === "rp:done") {
      await u.answerCallbackQuery();
      break;
    }
    if (saysDone(u.message?.text, ctx.t("btn-done"), ctx.t("btn-skip"))) break;
    if (u.callbackQuery) await u.answerCallbackQuery();
    if (photo && photos.length < PHOTOS_MAX) {
      photos.push(photo);
      await u.reply(ctx.t("report-photo-added", { count: photos.length, max: PHOTOS_MAX }), { reply_markup: done });
    } else if (photo) await u.reply(ctx.t("report-photos-full", { max: PHOTOS_MAX }), { reply_markup: done });
    else await u.reply(ctx.t("report-hint-photos"), { reply_markup: done });
  }

  const skip = ctx.t("btn-skip");
  const locationKeyboard = new Keyboard().requestLocation(ctx.t("btn-send-location")).row().text(skip).resized().oneTime();
  await ctx.reply(ctx.t("report-ask-location"), { reply_markup: locationKeyboard });
  let location: { latitude: number; longitude: number } | null = null;
  for (;;) {
    const u = await nextInput(conversation);
    const shared = u.message?.location;
    if (shared && insideBox(ctx.deps.reports.bbox, shared)) {
      location = { latitude: shared.latitude, longitude: shared.longitude };
      break;
    }
    // The keyboard is one-time: a client hides it after the location button, so a refusal brings it back.
    if (shared) await u.reply(ctx.t("report-location-outside"), { reply_markup: locationKeyboard });
    else if (saysDone(u.message?.text, skip)) break;
    else await u.reply(ctx.t("report-hint-location"), { reply_markup: locationKeyboard });
  }

  await ctx.reply(ctx.t("report-summary", summaryArgs(ctx, category, description, voiceFileId, photos.length, location !== null)), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-report-send"), "rp:send").text(ctx.t("btn-report-discard"), "rp:cancel"),
  });
  await ctx.reply(ctx.t("report-confirm-hint"), { reply_markup: { remove_keyboard: true } });
  for (;;) {
    const u = await nextInput(conversation);
    const data = u.callbackQuery?.data;
    if (data === "rp:cancel") {
      await u.answerCallbackQuery();
      await u.reply(ctx.t("report-cancelled"));
      return;
    }
    if (data !== "rp:send") {
      if (u.callbackQuery) await u.answerCallbackQuery();
      await u.reply(ctx.t("hint-use-buttons"));
      continue;
    }
    await u.answerCallbackQuery();
    const result = await attempt(conversation, async (o) => {
      const stored = await submitReport(o.domain(), o.deps.reports, { clientKey, category, description, voiceFileId, photoFileIds: photos, location });
      o.deps.nudgeOutbox();
      return stored.ref;
    });
    await u.reply(result.ok ? ctx.t("report-received", { ref: result.value }) : ctx.t(result.key, result.args));
    return;
  }
}

function summaryArgs(ctx: DialogContext, category: Category, description: string | null, voice: string | null, photos: number, located: boolean) {
  return {
    category: ctx.t(`category-${category}`),
    details: description ?? ctx.t(voice ? "incident-voice-only" : "incident-no-details"),
    photos,
    pin: located ? "yes" : "no",
  };
}

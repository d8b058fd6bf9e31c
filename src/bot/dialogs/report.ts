import { InlineKeyboard, Keyboard } from "grammy";
import { DESCRIPTION_MAX, PHOTOS_MAX, type Category } from "../../incidents/categories.js";
import { insideBox } from "../../incidents/report-settings.js";
import { reporterContext } from "../../incidents/reporter-context.js";
import { submitReport, type ReportInput } from "../../incidents/submit-report.js";
import type { DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { REPORT_BUTTONS, reportEmergency } from "./report-emergency.js";
import { answerPress, nextInput, photoFileId, saysDone, type DialogConversation } from "./next-input.js";

type Step<T> = (conversation: DialogConversation, ctx: DialogContext) => Promise<T>;
type Location = { latitude: number; longitude: number };

/**
 * /report: category, description (text or voice), up to five photos, a location, confirmation.
 * Every answer is checked and a wrong kind gets a hint and the same question again. An emergency
 * skips the optional steps: it is paged at once and described afterwards. The dialog's state is
 * stored, so a restart resumes it at the same step.
 */
export async function reportDialog(conversation: DialogConversation, ctx: DialogContext): Promise<void> {
  const who = await attempt(conversation, (o) => reporterContext(o.domain(), o.deps.reports));
  if (!who.ok) return void (await ctx.reply(ctx.t(who.key, who.args)));
  const reporter = who.value;
  const clientKey = await conversation.external(() => `report:${ctx.chat!.id}:${crypto.randomUUID()}`);

  if (reporter.public) await ctx.reply(ctx.t("report-public-intro"));
  const category = await askCategory(conversation, ctx, reporter.categories);
  if (!category) return;
  if (category === "emergency") return reportEmergency(conversation, ctx, clientKey, reporter.checkInLocation);
  const details = await askDescription(conversation, ctx);
  const photoFileIds = await askPhotos(conversation, ctx);
  const location = await askLocation(conversation, ctx);
  await confirmAndSend(conversation, ctx, { clientKey, category, ...details, photoFileIds, location });
}

async function askCategory(conversation: DialogConversation, ctx: DialogContext, categories: readonly Category[]): Promise<Category | null> {
  const keyboard = new InlineKeyboard();
  categories.forEach((c, i) => {
    keyboard.text(ctx.t(`category-${c}`), `rep:cat:${c}`);
    if (i % 2 === 1) keyboard.row();
  });
  await ctx.reply(ctx.t("report-ask-category"), { reply_markup: keyboard.row().text(ctx.t("btn-cancel"), "rep:cancel") });
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    const data = u.callbackQuery?.data;
    if (data === "rep:cancel") {
      await answerPress(u, ctx.t("report-cancelled"));
      return null;
    }
    const category = categories.find((c) => data === `rep:cat:${c}`);
    if (category) {
      // An emergency is paged next: a press too old to answer must not stop it (answerPress never throws).
      await answerPress(u);
      return category;
    }
    if (u.callbackQuery) await answerPress(u, ctx.t("hint-use-buttons"));
    else await u.reply(ctx.t("hint-use-buttons"));
  }
}

const askDescription: Step<{ description: string | null; voiceFileId: string | null }> = async (conversation, ctx) => {
  await ctx.reply(ctx.t("report-ask-description", { max: DESCRIPTION_MAX }));
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    // A second category pressed, or a button of an earlier report: the category is chosen already.
    if (u.callbackQuery) {
      await answerPress(u, ctx.t("report-hint-description"));
      continue;
    }
    const text = u.message?.text?.trim();
    if (u.message?.voice) return { description: null, voiceFileId: u.message.voice.file_id };
    if (text && text.length <= DESCRIPTION_MAX) return { description: text, voiceFileId: null };
    if (text) {
      await u.reply(ctx.t("report-description-too-long", { length: text.length, max: DESCRIPTION_MAX }));
      // The question again, so it is clear the dialog still waits for the description.
      await u.reply(ctx.t("report-ask-description", { max: DESCRIPTION_MAX }));
    } else await u.reply(ctx.t(u.message?.photo ? "report-hint-photo-first" : "report-hint-description"));
  }
};

const askPhotos: Step<string[]> = async (conversation, ctx) => {
  const photos: string[] = [];
  const done = new InlineKeyboard().text(ctx.t("btn-done"), "rep:done");
  await ctx.reply(ctx.t("report-ask-photos", { max: PHOTOS_MAX }), { reply_markup: done });
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    if (u.callbackQuery) await answerPress(u);
    if (u.callbackQuery?.data === "rep:done" || saysDone(u.message?.text, ctx.t("btn-done"), ctx.t("btn-skip"))) return photos;
    const photo = photoFileId(u);
    if (photo && photos.length < PHOTOS_MAX) {
      photos.push(photo);
      await u.reply(ctx.t("report-photo-added", { count: photos.length, max: PHOTOS_MAX }), { reply_markup: done });
    } else if (photo) await u.reply(ctx.t("report-photos-full", { max: PHOTOS_MAX }), { reply_markup: done });
    else await u.reply(ctx.t("report-hint-photos"), { reply_markup: done });
  }
};

const askLocation: Step<Location | null> = async (conversation, ctx) => {
  const skip = ctx.t("btn-skip");
  const keyboard = new Keyboard().requestLocation(ctx.t("btn-send-location")).row().text(skip).resized().oneTime();
  await ctx.reply(ctx.t("report-ask-location"), { reply_markup: keyboard });
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    if (u.callbackQuery) {
      await answerPress(u, ctx.t("report-hint-location"));
      continue;
    }
    const shared = u.message?.location;
    if (shared && insideBox(ctx.deps.reports.bbox, shared)) return { latitude: shared.latitude, longitude: shared.longitude };
    if (!shared && saysDone(u.message?.text, skip)) return null;
    // The keyboard is one-time: a client hides it after the location button, so a refusal brings it back.
    await u.reply(ctx.t(shared ? "report-location-outside" : "report-hint-location"), { reply_markup: keyboard });
  }
};

async function confirmAndSend(conversation: DialogConversation, ctx: DialogContext, report: ReportInput & { category: Category }): Promise<void> {
  const summary = {
    category: ctx.t(`category-${report.category}`),
    details: report.description ?? ctx.t(report.voiceFileId ? "incident-voice-only" : "incident-no-details"),
    photos: report.photoFileIds.length,
    pin: report.location ? "yes" : "no",
  };
  await ctx.reply(ctx.t("report-summary", summary), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-report-send"), "rep:send").text(ctx.t("btn-report-discard"), "rep:cancel"),
  });
  await ctx.reply(ctx.t("report-confirm-hint"), { reply_markup: { remove_keyboard: true } });
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    const data = u.callbackQuery?.data;
    if (u.callbackQuery) await answerPress(u);
    if (data === "rep:cancel") return void (await u.reply(ctx.t("report-cancelled")));
    if (data !== "rep:send") {
      await u.reply(ctx.t("hint-use-buttons"));
      continue;
    }
    const result = await attempt(conversation, async (o) => {
      const stored = await submitReport(o.domain(), o.deps.reports, report);
      o.deps.nudgeOutbox();
      return stored.ref;
    });
    await u.reply(result.ok ? ctx.t("report-received", { ref: result.value }) : ctx.t(result.key, result.args));
    return;
  }
}

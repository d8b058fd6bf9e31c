import { Keyboard } from "grammy";
import { addReportDetails } from "../../incidents/add-report-details.js";
import { submitReport } from "../../incidents/submit-report.js";
import type { DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { answerPress, courtesy, nextInput, saysDone, type DialogConversation } from "./next-input.js";

export const POLICE_NUMBER = "110";
/** The report dialog's buttons (button-namespaces.ts). */
export const REPORT_BUTTONS = "rep:";

/**
 * An emergency: the page goes out first, before anything is sent or asked; then "call 110 now"
 * with a contact to tap. None of these messages can hold up or stop the page. Whatever the
 * reporter sends afterwards (text, a voice note, where they are) is added to the report and
 * reaches everyone already paged, until they press Done.
 */
export async function reportEmergency(conversation: DialogConversation, ctx: DialogContext, clientKey: string, checkInLocation: { latitude: number; longitude: number } | null): Promise<void> {
  const paged = await attempt(conversation, async (o) => {
    const stored = await submitReport(o.domain(), o.deps.reports, { clientKey, category: "emergency", description: null, voiceFileId: null, photoFileIds: [], location: checkInLocation });
    o.deps.nudgeOutbox();
    return { ref: stored.ref, incidentId: stored.incidentId };
  });
  await courtesy(ctx, () => ctx.reply(ctx.t("report-emergency-call", { number: POLICE_NUMBER })));
  await courtesy(ctx, () => ctx.replyWithContact(POLICE_NUMBER, ctx.t("report-police-contact")));
  if (!paged.ok) return void (await ctx.reply(ctx.t(paged.key, paged.args)));
  const { ref, incidentId } = paged.value;
  const finished = ctx.t("btn-done");
  await courtesy(ctx, () =>
    ctx.reply(ctx.t("report-emergency-paged", { ref }), {
      reply_markup: new Keyboard().requestLocation(ctx.t("btn-send-location")).row().text(finished).resized(),
    }),
  );
  for (;;) {
    const u = await nextInput(conversation, REPORT_BUTTONS);
    if (u.callbackQuery) {
      await answerPress(u, ctx.t("report-emergency-hint"));
      continue;
    }
    const message = u.message!;
    if (saysDone(message.text, finished)) break;
    const location = message.location ? { latitude: message.location.latitude, longitude: message.location.longitude } : undefined;
    const details = { incidentId, sourceKey: `${message.chat.id}:${message.message_id}`, ...(message.text ? { text: message.text } : {}), ...(message.voice ? { voiceFileId: message.voice.file_id } : {}), ...(location ? { location } : {}) };
    if (!message.text && !message.voice && !location) {
      await u.reply(ctx.t("report-emergency-hint"));
      continue;
    }
    const added = await attempt(conversation, async (o) => {
      await addReportDetails(o.domain(), o.deps.reports, details);
      o.deps.nudgeOutbox();
      return ref;
    });
    await u.reply(added.ok ? ctx.t("report-emergency-added", { ref }) : ctx.t(added.key, added.args));
  }
  await ctx.reply(ctx.t("report-emergency-done", { ref }), { reply_markup: { remove_keyboard: true } });
}

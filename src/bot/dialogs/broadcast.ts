import { InlineKeyboard } from "grammy";
import type { BroadcastAudience, BroadcastTarget } from "../../broadcasts/audience.js";
import { broadcastTowns } from "../../broadcasts/authorize-broadcast.js";
import { MAX_CAPTION, MAX_TEXT, previewBroadcast, sendBroadcast } from "../../broadcasts/send-broadcast.js";
import { findTeams } from "../../org/find-teams.js";
import { teamLabel } from "../../org/team-scope.js";
import type { DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, photoFileId, type DialogConversation } from "./next-input.js";

const AUDIENCES: BroadcastAudience[] = ["everyone", "town", "team", "leaders", "tonight"];

/**
 * /broadcast: who (everyone, a town, a team, leaders, tonight's volunteers), the message (text or
 * a photo with a caption), then the recipient count and Send. A supervisor's choices stay in
 * their town; the verbs check that again on Send.
 */
export async function broadcastDialog(conversation: DialogConversation, ctx: DialogContext): Promise<void> {
  const towns = await attempt(conversation, (o) => broadcastTowns(o.domain()));
  if (!towns.ok) return void (await ctx.reply(ctx.t(towns.key, towns.args)));

  const audiences = new InlineKeyboard();
  AUDIENCES.forEach((a) => audiences.text(ctx.t(`audience-${a}`), `bd:a:${a}`).row());
  await ctx.reply(ctx.t("broadcast-ask-audience"), { reply_markup: audiences });
  const audience = (await choose(conversation, "bd:", /^bd:a:(everyone|town|team|leaders|tonight)$/)).match[1] as BroadcastAudience;
  const target: BroadcastTarget = { audience, townId: null, teamId: null };
  const askTown = async () => {
    const keyboard = new InlineKeyboard();
    towns.value.forEach((t) => keyboard.text(t.name, `bd:t:${t.townId}`).row());
    await ctx.reply(ctx.t("broadcast-ask-town"), { reply_markup: keyboard });
    target.townId = Number((await choose(conversation, "bd:", /^bd:t:(\d{1,9})$/)).match[1]);
  };
  if (audience === "town") await askTown();
  if (audience === "team") target.teamId = await askTeam(conversation, ctx);

  let preview = await attempt(conversation, (o) => previewBroadcast(o.domain(), target, o.deps.config.BOT_TIMEZONE));
  if (!preview.ok && preview.key === "err-broadcast-town-needed") {
    // A supervisor of several towns says which one "everyone", "leaders" or "tonight" means.
    await askTown();
    preview = await attempt(conversation, (o) => previewBroadcast(o.domain(), target, o.deps.config.BOT_TIMEZONE));
  }
  if (!preview.ok) return void (await ctx.reply(ctx.t(preview.key, preview.args)));
  const { text, photo } = await askMessage(conversation, ctx);

  const area = preview.value.area ? ` · ${preview.value.area}` : "";
  const confirm = ctx.t("broadcast-confirm", { audience: ctx.t(`audience-${audience}`), area, recipients: preview.value.recipients, unreachable: preview.value.unreachable, text });
  const buttons = new InlineKeyboard().text(ctx.t("btn-broadcast-send"), "bd:send").text(ctx.t("btn-cancel"), "bd:cancel");
  // The photo on its own: a caption allowed for recipients plus the summary could pass Telegram's 1,024.
  if (photo) await ctx.replyWithPhoto(photo);
  await ctx.reply(confirm, { reply_markup: buttons });
  const { match, u } = await choose(conversation, "bd:", /^bd:(send|cancel)$/);
  if (match[1] === "cancel") return void (await ctx.reply(ctx.t("cancelled")));

  const dedupeKey = `${u.chat?.id}:${u.callbackQuery?.message?.message_id}`;
  const started = await attempt(conversation, (o) => sendBroadcast(o.domain(), target, { text, photoFileId: photo, dedupeKey }, o.deps.config.BOT_TIMEZONE, o.deps.nudgeOutbox));
  if (!started.ok) return void (await ctx.reply(ctx.t(started.key, started.args)));
  await ctx.reply(ctx.t("broadcast-started", { id: started.value.broadcastId, recipients: started.value.recipients }));
}

async function askTeam(conversation: DialogConversation, ctx: DialogContext): Promise<number> {
  await ctx.reply(ctx.t("broadcast-ask-team"));
  for (;;) {
    const u = await nextInput(conversation, "bd:");
    if (u.callbackQuery) {
      await answerPress(u);
      const picked = /^bd:m:(\d{1,9})$/.exec(u.callbackQuery.data ?? "");
      if (picked) return Number(picked[1]);
      continue;
    }
    const query = u.message?.text?.trim() ?? "";
    const found = query ? await conversation.external((o) => findTeams(o.deps.db, query)) : [];
    if (found.length === 1) return found[0]!.teamId;
    if (found.length === 0) {
      await u.reply(ctx.t("err-team-not-found"));
      continue;
    }
    const keyboard = new InlineKeyboard();
    found.forEach((t) => keyboard.text(`${t.teamId} · ${teamLabel(t)}`, `bd:m:${t.teamId}`).row());
    await u.reply(ctx.t("broadcast-pick-team"), { reply_markup: keyboard });
  }
}

/** Text, or a photo with its caption (asked for when the photo came without one). */
async function askMessage(conversation: DialogConversation, ctx: DialogContext): Promise<{ text: string; photo: string | null }> {
  await ctx.reply(ctx.t("broadcast-ask-text", { max: MAX_TEXT }));
  let photo: string | null = null;
  for (;;) {
    const u = await nextInput(conversation, "bd:");
    if (u.callbackQuery) {
      await answerPress(u);
      continue;
    }
    photo = photoFileId(u) ?? photo;
    const text = (u.message?.text ?? u.message?.caption ?? "").trim();
    const max = photo ? MAX_CAPTION : MAX_TEXT;
    if (text && text.length <= max) return { text, photo };
    if (text) await u.reply(ctx.t(photo ? "err-broadcast-caption-too-long" : "err-broadcast-invalid-text", { max, length: text.length }));
    else if (photo) await u.reply(ctx.t("broadcast-ask-caption", { max }));
    else await u.reply(ctx.t("broadcast-ask-text", { max: MAX_TEXT }));
  }
}

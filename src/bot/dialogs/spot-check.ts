import { InlineKeyboard } from "grammy";
import { readNumber } from "../../logs/parse-log-counts.js";
import { findTeams } from "../../org/find-teams.js";
import { teamLabel, type TeamScope } from "../../org/team-scope.js";
import { recordSpotCheck } from "../../spotchecks/record-spot-check.js";
import { FINDINGS_MAX, PRESENT_MAX, SPOT_CHECK_PHOTOS_MAX, stars } from "../../spotchecks/spot-check-limits.js";
import { spotCheckTarget } from "../../spotchecks/spot-check-target.js";
import { spotCheckTeams } from "../../spotchecks/spot-check-teams.js";
import type { DialogContext } from "../context.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, nextInput, photoFileId, saysDone, type DialogConversation } from "./next-input.js";

const P = "sc:";
/** More teams than this and the visitor types the team rather than scrolling through buttons. */
const TEAM_BUTTONS_MAX = 30;

type Target = { team: TeamScope; shiftLeader: string | null };

/**
 * /spotcheck: a supervisor (their towns' teams) or coordinator (any team) records a visit: the
 * team, whether it was out and how many were there, the findings in words and photos, a rating,
 * then Confirm. Refused at the start for anyone else; the verb checks the team again on Confirm,
 * and sends the findings to the team's leaders.
 */
export async function spotCheckDialog(conversation: DialogConversation, ctx: DialogContext): Promise<void> {
  const offered = await attempt(conversation, (o) => spotCheckTeams(o.domain()));
  if (!offered.ok) return void (await ctx.reply(ctx.t(offered.key, offered.args)));
  const { team, shiftLeader } = await askTeam(conversation, ctx, offered.value.teams);

  await ctx.reply(ctx.t("spotcheck-ask-out", { team: team.teamName }), {
    reply_markup: new InlineKeyboard().text(ctx.t("btn-spotcheck-out-yes"), "sc:o:y").text(ctx.t("btn-spotcheck-out-no"), "sc:o:n"),
  });
  const teamOut = (await choose(conversation, P, /^sc:o:(y|n)$/)).match[1] === "y";
  const presentCount = teamOut ? await askPresent(conversation, ctx) : 0;
  const { findings, photos } = await askFindings(conversation, ctx);
  await askPhotos(conversation, ctx, photos);

  const ratings = new InlineKeyboard();
  for (let r = 1; r <= 5; r++) ratings.text(`${r} ★`, `sc:r:${r}`);
  await ctx.reply(ctx.t("spotcheck-ask-rating"), { reply_markup: ratings });
  const rating = Number((await choose(conversation, P, /^sc:r:([1-5])$/)).match[1]);

  const summary = ctx.t("spotcheck-summary", {
    team: teamLabel(team),
    out: ctx.t(teamOut ? "spotcheck-out-yes" : "spotcheck-out-no"),
    present: presentCount,
    rating: stars(rating),
    photos: photos.length,
    findings,
    leader: shiftLeader ?? "–",
  });
  await ctx.reply(summary, { reply_markup: new InlineKeyboard().text(ctx.t("btn-spotcheck-confirm"), "sc:ok").text(ctx.t("btn-cancel"), "sc:no") });
  const { match, u } = await choose(conversation, P, /^sc:(ok|no)$/);
  if (match[1] === "no") return void (await ctx.reply(ctx.t("cancelled")));

  const clientKey = `spotcheck:${u.chat?.id}:${u.callbackQuery?.message?.message_id}`;
  const done = await attempt(conversation, async (o) => {
    const recorded = await recordSpotCheck(o.domain(), { teamId: team.teamId, teamOut, presentCount, findings, photoFileIds: photos, rating, clientKey }, o.deps.config.BOT_TIMEZONE);
    o.deps.nudgeOutbox();
    return recorded;
  });
  if (!done.ok) return void (await ctx.reply(ctx.t(done.key, done.args)));
  const r = done.value;
  await ctx.reply(!r.created ? ctx.t("spotcheck-repeated") : r.recipients > 0 ? ctx.t("spotcheck-recorded", { recipients: r.recipients }) : ctx.t("spotcheck-recorded-nobody"));
}

/** A team button, or a typed number or name; a team outside the visitor's towns is refused here and the question asked again. */
async function askTeam(conversation: DialogConversation, ctx: DialogContext, offered: TeamScope[]): Promise<Target> {
  const keyboard = new InlineKeyboard();
  const buttons = offered.length <= TEAM_BUTTONS_MAX ? offered : [];
  buttons.forEach((t) => keyboard.text(`${t.teamId} · ${t.communityName} · ${t.teamName}`, `sc:t:${t.teamId}`).row());
  await ctx.reply(ctx.t(buttons.length > 0 ? "spotcheck-ask-team-pick" : "spotcheck-ask-team-type"), buttons.length > 0 ? { reply_markup: keyboard } : {});
  for (;;) {
    const u = await nextInput(conversation, P);
    let teamId: number | null = null;
    if (u.callbackQuery) {
      await answerPress(u);
      const picked = /^sc:t:(\d{1,9})$/.exec(u.callbackQuery.data ?? "");
      if (!picked) continue;
      teamId = Number(picked[1]);
    } else {
      const query = u.message?.text?.trim() ?? "";
      const found = query ? await conversation.external((o) => findTeams(o.deps.db, query)) : [];
      if (found.length === 1) teamId = found[0]!.teamId;
      else if (found.length === 0) await u.reply(ctx.t(query ? "err-team-not-found" : "spotcheck-ask-team-type"));
      else {
        const choices = new InlineKeyboard();
        found.forEach((t) => choices.text(`${t.teamId} · ${teamLabel(t)}`, `sc:t:${t.teamId}`).row());
        await u.reply(ctx.t("team-pick"), { reply_markup: choices });
      }
    }
    if (teamId === null) continue;
    const target = await attempt(conversation, (o) => spotCheckTarget(o.domain(), teamId, o.deps.config.BOT_TIMEZONE));
    if (target.ok) return { team: target.value.team, shiftLeader: target.value.shift?.leaderName ?? null };
    await u.reply(ctx.t(target.key, target.args));
  }
}

async function askPresent(conversation: DialogConversation, ctx: DialogContext): Promise<number> {
  await ctx.reply(ctx.t("spotcheck-ask-present", { max: PRESENT_MAX }));
  for (;;) {
    const u = await nextInput(conversation, P);
    if (u.callbackQuery) {
      await answerPress(u);
      continue;
    }
    const text = u.message?.text?.trim() ?? "";
    const n = readNumber(text.replace(/\s*(?:人|名|people|persons)$/i, ""));
    if (n !== undefined && n <= PRESENT_MAX) return n;
    await u.reply(ctx.t("spotcheck-present-invalid", { max: PRESENT_MAX }));
  }
}

/** The findings in words; a photo sent now is kept (its caption is the words). */
async function askFindings(conversation: DialogConversation, ctx: DialogContext): Promise<{ findings: string; photos: string[] }> {
  await ctx.reply(ctx.t("spotcheck-ask-findings", { max: FINDINGS_MAX }));
  const photos: string[] = [];
  for (;;) {
    const u = await nextInput(conversation, P);
    if (u.callbackQuery) {
      await answerPress(u);
      continue;
    }
    const photo = photoFileId(u);
    if (photo && photos.length < SPOT_CHECK_PHOTOS_MAX) photos.push(photo);
    const text = (u.message?.text ?? u.message?.caption ?? "").trim();
    if (text && text.length <= FINDINGS_MAX) return { findings: text, photos };
    if (text) await u.reply(ctx.t("spotcheck-findings-too-long", { length: text.length, max: FINDINGS_MAX }));
    else await u.reply(ctx.t(photo ? "spotcheck-photo-kept-words-please" : "spotcheck-ask-findings", { max: FINDINGS_MAX }));
  }
}

async function askPhotos(conversation: DialogConversation, ctx: DialogContext, photos: string[]): Promise<void> {
  const done = new InlineKeyboard().text(ctx.t("btn-done"), "sc:done");
  await ctx.reply(ctx.t("spotcheck-ask-photos", { count: photos.length, max: SPOT_CHECK_PHOTOS_MAX }), { reply_markup: done });
  for (;;) {
    const u = await nextInput(conversation, P);
    if (u.callbackQuery) await answerPress(u);
    if (u.callbackQuery?.data === "sc:done" || saysDone(u.message?.text, ctx.t("btn-done").toLowerCase())) return;
    const photo = photoFileId(u);
    if (photo && photos.length < SPOT_CHECK_PHOTOS_MAX) {
      photos.push(photo);
      await u.reply(ctx.t("spotcheck-photo-added", { count: photos.length, max: SPOT_CHECK_PHOTOS_MAX }), { reply_markup: done });
    } else if (photo) await u.reply(ctx.t("spotcheck-photos-full", { max: SPOT_CHECK_PHOTOS_MAX }), { reply_markup: done });
    else if (!u.callbackQuery) await u.reply(ctx.t("spotcheck-hint-photos"), { reply_markup: done });
  }
}

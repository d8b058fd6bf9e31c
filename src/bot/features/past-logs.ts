import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import type { InputMediaPhoto } from "grammy/types";
import { listTeamLogs, readLog, RECENT_LOG_NIGHTS } from "../../logs/past-logs.js";
import { formatNight } from "../../shifts/format.js";
import { localNight } from "../../shifts/night.js";
import { teamLabel } from "../../org/team-scope.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import { pickTeam, teamPickPattern } from "../team-picker.js";
import { figuresText, formatLog } from "./log-view.js";

const MESSAGE_LIMIT = 4000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * `/logs [team] [date]`: past duty logs for the team's leads, its town's supervisors and the
 * coordinators. Without a date, the last week's nights with how each log stands; with one, that
 * night's log in full, its photos and voice notes included.
 */
export function pastLogsFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.chatType("private").command("logs", (ctx) =>
    guarded(ctx, async () => {
      const words = ctx.match.trim().split(/\s+/).filter(Boolean);
      const last = words.at(-1);
      const night = last && /^\d{4}-\d{1,2}-\d{1,2}$/.test(last) ? last : undefined;
      if (night !== undefined && !validNight(night)) return void (await ctx.reply(ctx.t("err-log-bad-date")));
      const teamId = await pickTeam(ctx, "logs", (night ? words.slice(0, -1) : words).join(" "));
      if (teamId === null) return;
      if (night) await showNight(ctx, teamId, night);
      else await showRecent(ctx, teamId);
    }),
  );
  composer.callbackQuery(teamPickPattern("logs"), (ctx) =>
    guarded(ctx, async () => {
      await ctx.answerCallbackQuery();
      await showRecent(ctx, Number(ctx.match[1]));
    }),
  );
  composer.callbackQuery(/^lg:v:(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      await showFullLog(ctx, Number(ctx.match[1]));
      await ctx.answerCallbackQuery();
    }),
  );
  return composer;
}

function validNight(night: string): boolean {
  const date = new Date(`${night}T00:00:00Z`);
  return isoDate.test(night) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(night);
}

async function showRecent(ctx: DialogContext, teamId: number): Promise<void> {
  const tz = ctx.deps.config.BOT_TIMEZONE;
  const { scope, logs } = await listTeamLogs(ctx.domain(), teamId, localNight(ctx.domain().now, tz), RECENT_LOG_NIGHTS, tz);
  const team = teamLabel(scope);
  if (logs.length === 0) return void (await ctx.reply(ctx.t("log-list-empty", { team, n: RECENT_LOG_NIGHTS })));
  const keyboard = new InlineKeyboard();
  const lines: string[] = [];
  for (const [i, log] of logs.entries()) {
    const { date, duty } = await renderArgs(ctx, shiftArgs(log));
    keyboard.text(`📖 ${date}`, `lg:v:${log.shiftId}`);
    if (i % 3 === 2) keyboard.row();
    const state = log.logClosedAt ? ctx.t("log-state-closed") : log.entries > 0 ? ctx.t("log-state-open", { n: log.entries }) : ctx.t("log-state-empty");
    lines.push(ctx.t("log-list-line", { date: date!, duty: duty!, state, figures: figuresText(ctx, log.counts) }));
  }
  await ctx.reply([ctx.t("log-list", { team, n: RECENT_LOG_NIGHTS }), ...lines].join("\n"), { reply_markup: keyboard });
}

async function showNight(ctx: DialogContext, teamId: number, night: string): Promise<void> {
  const { scope, logs } = await listTeamLogs(ctx.domain(), teamId, night, 1, ctx.deps.config.BOT_TIMEZONE);
  const onNight = logs.filter((log) => log.night === night);
  if (onNight.length === 0) return void (await ctx.reply(ctx.t("log-night-none", { team: teamLabel(scope), date: formatNight(night, await ctx.i18n.getLocale()) })));
  for (const log of onNight) await showFullLog(ctx, log.shiftId);
}

/** The night's log: its summary, every entry with its time, then the photos as albums and the voice notes. */
async function showFullLog(ctx: DialogContext, shiftId: number): Promise<void> {
  const { shift, summary, entries } = await readLog(ctx.domain(), shiftId);
  const text = await formatLog(ctx, shift, summary, "read");
  const locale = await ctx.i18n.getLocale();
  const time = (at: Date) => at.toLocaleTimeString(locale === "en" ? "en-GB" : "zh-CN", { timeZone: ctx.deps.config.BOT_TIMEZONE, hour: "2-digit", minute: "2-digit" });
  const lines = entries.map((e) => {
    const said = e.kind === "text" ? e.text! : e.kind === "voice" ? ctx.t("log-entry-voice") : e.text ? ctx.t("log-entry-photo", { caption: e.text }) : ctx.t("log-entry-photo-uncaptioned");
    return ctx.t("log-entry-line", { time: time(e.at), author: e.author ?? "?", text: said });
  });
  for (const chunk of chunks([text, "", ...(lines.length ? lines : [ctx.t("log-entries-none")])])) await ctx.reply(chunk);
  const photos = entries.filter((e) => e.kind === "photo" && e.fileId);
  for (let i = 0; i < photos.length; i += 10) {
    const album: InputMediaPhoto[] = photos.slice(i, i + 10).map((p) => ({ type: "photo", media: p.fileId!, ...(p.text ? { caption: p.text } : {}) }));
    await ctx.replyWithMediaGroup(album);
  }
  for (const voice of entries.filter((e) => e.kind === "voice" && e.fileId)) await ctx.replyWithVoice(voice.fileId!);
}

/** Lines joined into messages under Telegram's length limit. */
function chunks(lines: string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    const piece = line.length > MESSAGE_LIMIT ? `${line.slice(0, MESSAGE_LIMIT - 1)}…` : line;
    if (current && current.length + piece.length + 1 > MESSAGE_LIMIT) {
      out.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  if (current) out.push(current);
  return out;
}

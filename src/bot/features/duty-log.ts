import { Composer, InlineKeyboard } from "grammy";
import type { Message } from "grammy/types";
import { appendLogEntry, type LogMessage } from "../../logs/append-log-entry.js";
import { closeLog, confirmLogCounts } from "../../logs/confirm-log.js";
import { linkTeamGroup, teamOfGroup } from "../../logs/link-team-group.js";
import { requireLogKeeper } from "../../logs/log-access.js";
import { logSummary } from "../../logs/log-summary.js";
import { LOG_COUNTS } from "../../logs/parse-log-counts.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";
import { shiftArgs } from "../../shifts/shift-facts.js";

/** Messages up to this long after the shift's end still go into its log. */
export const LOG_GRACE_MINUTES = 60;

/** What a message adds to a log: its text or caption, or its photo or voice note. */
function logMessageOf(message: Message, text?: string): Omit<LogMessage, "teamId"> | null {
  const base = { chatId: message.chat.id, messageId: message.message_id };
  if (message.photo) return { ...base, kind: "photo", fileId: message.photo.at(-1)!.file_id, text: message.caption ?? null };
  if (message.voice) return { ...base, kind: "voice", fileId: message.voice.file_id };
  const said = text ?? message.text;
  return said ? { ...base, kind: "text", text: said } : null;
}

/**
 * The duty log by message. In the team's group (linked with /linkteam) the shift leader's messages
 * during the shift are the log and everyone else's are ordinary chat; in a private chat it is /log
 * or a reply to the "Tonight's log" prompt. When a message says figures, the bot shows what it
 * understood with ✅ Correct and 📕 Close log. Every press is checked against the presser.
 */
export function dutyLogFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const group = composer.chatType(["group", "supergroup"]);

  group.command("linkteam", (ctx) =>
    guarded(ctx, async () => {
      const arg = Number(ctx.match.trim());
      const team = await linkTeamGroup(ctx.domain(), ctx.chat.id, Number.isInteger(arg) && arg > 0 ? arg : undefined);
      await ctx.reply(ctx.t("log-group-linked", { team: team.teamName }));
    }),
  );

  group.on(["message:text", "message:photo", "message:voice"], async (ctx, next) => {
    if (ctx.message.text?.startsWith("/") || !ctx.person) return next();
    const teamId = await teamOfGroup(ctx.domain(), ctx.chat.id);
    const message = logMessageOf(ctx.message);
    if (teamId === null || !message) return next();
    const added = await appendLogEntry(ctx.domain(), { ...message, teamId }, LOG_GRACE_MINUTES);
    if (!added) return next(); // not tonight's leader: ordinary chat
    if (message.kind === "text" && added.added) await showLog(ctx, added.shiftId);
  });

  const chat = composer.chatType("private");
  chat.command("log", (ctx) =>
    guarded(ctx, async () => {
      const text = ctx.match.trim();
      if (!text) return void (await ctx.reply(ctx.t("log-prompt"), { reply_markup: { force_reply: true, input_field_placeholder: ctx.t("log-placeholder") } }));
      const added = await appendLogEntry(ctx.domain(), logMessageOf(ctx.message, text)!, LOG_GRACE_MINUTES);
      if (!added) return void (await ctx.reply(ctx.t("log-no-shift")));
      await showLog(ctx, added.shiftId);
    }),
  );
  chat.on(["message:text", "message:photo", "message:voice"], async (ctx, next) => {
    const prompt = ctx.message.reply_to_message;
    if (!prompt || prompt.from?.id !== ctx.me.id || prompt.text !== ctx.t("log-prompt")) return next();
    await guarded(ctx, async () => {
      const added = await appendLogEntry(ctx.domain(), logMessageOf(ctx.message)!, LOG_GRACE_MINUTES);
      if (!added) return void (await ctx.reply(ctx.t("log-no-shift")));
      if (ctx.message.text) await showLog(ctx, added.shiftId);
      else await ctx.reply(ctx.t("log-attached"));
    });
  });

  composer.callbackQuery(/^lg:(ok|cl):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const shiftId = Number(ctx.match[2]);
      if (ctx.match[1] === "ok") await confirmLogCounts(ctx.domain(), shiftId);
      else await closeLog(ctx.domain(), shiftId);
      await ctx.answerCallbackQuery(ctx.t(ctx.match[1] === "ok" ? "log-confirmed" : "log-closed"));
      await showLog(ctx, shiftId, ctx.callbackQuery.message?.message_id);
    }),
  );
  return composer;
}

/** The log so far: figures as understood, attendance from the check-ins, and the buttons while it is open. */
async function showLog(ctx: BotContext, shiftId: number, editMessageId?: number): Promise<void> {
  const shift = await requireLogKeeper(ctx.domain(), shiftId);
  const summary = await logSummary(ctx.deps.db, shiftId);
  const figures = LOG_COUNTS.map((k) => ctx.t(`log-count-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, { n: summary.counts[k] ?? "–" })).join(" · ");
  const args = await renderArgs(ctx, shiftArgs(shift));
  const text = ctx.t(shift.logClosedAt ? "log-summary-closed" : summary.confirmed ? "log-summary-confirmed" : "log-summary", {
    ...args,
    figures,
    present: summary.present.join(", ") || "–",
    absent: summary.absent.join(", ") || "–",
    photos: summary.entries.photo,
    voices: summary.entries.voice,
  });
  const keyboard = new InlineKeyboard();
  if (!shift.logClosedAt) {
    if (!summary.confirmed) keyboard.text(ctx.t("btn-log-correct"), `lg:ok:${shiftId}`);
    keyboard.text(ctx.t("btn-log-close"), `lg:cl:${shiftId}`);
  }
  if (editMessageId !== undefined) await ctx.editMessageText(text, { reply_markup: keyboard }).catch(() => ctx.reply(text, { reply_markup: keyboard }));
  else await ctx.reply(text, { reply_markup: keyboard });
}

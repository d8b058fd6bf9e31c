import type { Composer } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import type { Message } from "grammy/types";
import { appendLogEntry, type LogMessage } from "../../logs/append-log-entry.js";
import { linkTeamGroup, teamOfGroup } from "../../logs/link-team-group.js";
import type { BotContext } from "../context.js";
import { guarded } from "../errors.js";
import { showLog } from "./log-view.js";

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
 * understood (see log-view.ts).
 */
export function dutyLogFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
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
    const added = await appendLogEntry(ctx.domain(), { ...message, teamId }, ctx.deps.config.LOG_GRACE_MINUTES);
    if (!added) return next(); // not tonight's leader: ordinary chat
    if (message.kind === "text" && added.added) await showLog(ctx, added.shiftId);
  });

  const chat = composer.chatType("private");
  chat.command("log", (ctx) =>
    guarded(ctx, async () => {
      const text = ctx.match.trim();
      if (!text) return void (await ctx.reply(ctx.t("log-prompt"), { reply_markup: { force_reply: true, input_field_placeholder: ctx.t("log-placeholder") } }));
      const added = await appendLogEntry(ctx.domain(), logMessageOf(ctx.message, text)!, ctx.deps.config.LOG_GRACE_MINUTES);
      if (!added) return void (await ctx.reply(ctx.t("log-no-shift", { grace: ctx.deps.config.LOG_GRACE_MINUTES })));
      await showLog(ctx, added.shiftId);
    }),
  );
  chat.on(["message:text", "message:photo", "message:voice"], async (ctx, next) => {
    const prompt = ctx.message.reply_to_message;
    if (!prompt || prompt.from?.id !== ctx.me.id || prompt.text !== ctx.t("log-prompt")) return next();
    await guarded(ctx, async () => {
      const added = await appendLogEntry(ctx.domain(), logMessageOf(ctx.message)!, ctx.deps.config.LOG_GRACE_MINUTES);
      if (!added) return void (await ctx.reply(ctx.t("log-no-shift", { grace: ctx.deps.config.LOG_GRACE_MINUTES })));
      if (ctx.message.text) await showLog(ctx, added.shiftId);
      else await ctx.reply(ctx.t("log-attached"));
    });
  });

  return composer;
}

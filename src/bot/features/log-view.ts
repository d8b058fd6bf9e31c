import type { Composer} from "grammy";
import { InlineKeyboard } from "grammy";
import { LeanComposer } from "../lean-composer.js";
import { closeLog, confirmLogCounts, fixLogCount } from "../../logs/confirm-log.js";
import { requireLogKeeper } from "../../logs/log-access.js";
import { logSummary } from "../../logs/log-summary.js";
import { LOG_COUNTS, type LogCountKind, type LogCounts } from "../../logs/parse-log-counts.js";
import { shiftArgs } from "../../shifts/shift-facts.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded } from "../errors.js";
import { renderArgs } from "../views/shift.js";

const countKey = (kind: LogCountKind) => `log-count-${kind.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** "on patrol 6 · hazards 2 · tips – · …" in the reader's language; "–" is a figure nobody said. */
export function figuresText(ctx: DialogContext, counts: LogCounts): string {
  return LOG_COUNTS.map((kind) => ctx.t(countKey(kind), { n: counts[kind] ?? "–" })).join(" · ");
}

type LogMode = "review" | "fix" | "read";

/** The log's heading and body: figures as understood, attendance from the check-ins, attachments. */
export async function formatLog(ctx: DialogContext, shift: Awaited<ReturnType<typeof requireLogKeeper>>, summary: Awaited<ReturnType<typeof logSummary>>, mode: LogMode): Promise<string> {
  const key = mode === "fix" ? "log-summary-fix" : shift.logClosedAt ? "log-summary-closed" : summary.confirmed || mode === "read" ? "log-summary-confirmed" : "log-summary";
  return ctx.t(key, {
    ...(await renderArgs(ctx, shiftArgs(shift))),
    figures: figuresText(ctx, summary.counts),
    present: summary.present.join(", ") || "–",
    absent: summary.absent.join(", ") || "–",
    photos: summary.entries.photo,
    voices: summary.entries.voice,
  });
}

/** The log as its keeper may see it: checked against the reader, then formatted. */
async function logText(ctx: DialogContext, shiftId: number, mode: LogMode) {
  const shift = await requireLogKeeper(ctx.domain(), shiftId);
  const summary = await logSummary(ctx.deps.db, shiftId);
  return { shift, summary, text: await formatLog(ctx, shift, summary, mode) };
}

/** The log so far with ✅ Correct, ✏️ Fix and 📕 Close log while it is open. */
export async function showLog(ctx: DialogContext, shiftId: number, editMessageId?: number): Promise<void> {
  const { shift, summary, text } = await logText(ctx, shiftId, "review");
  const keyboard = new InlineKeyboard();
  if (!shift.logClosedAt) {
    if (!summary.confirmed) keyboard.text(ctx.t("btn-log-correct"), `lg:ok:${shiftId}`);
    keyboard.text(ctx.t("btn-log-fix"), `lg:fx:${shiftId}`).row().text(ctx.t("btn-log-close"), `lg:cl:${shiftId}`);
  }
  await replyOrEdit(ctx, text, keyboard, editMessageId);
}

/**
 * ✏️ Fix: one row per figure with − and +. Each button carries the value it sets, not a step,
 * so a press Telegram delivers twice sets the same figure twice. A message with the right
 * figures works too: what it says replaces what was read before.
 */
async function showFix(ctx: DialogContext, shiftId: number, editMessageId?: number): Promise<void> {
  const { summary, text } = await logText(ctx, shiftId, "fix");
  const keyboard = new InlineKeyboard();
  LOG_COUNTS.forEach((kind, index) => {
    const n = summary.counts[kind];
    keyboard.text(ctx.t(countKey(kind), { n: n ?? "–" }), `lg:fx:${shiftId}`);
    keyboard.text("−", `lg:set:${shiftId}:${index}:${Math.max((n ?? 1) - 1, 0)}`);
    keyboard.text("+", `lg:set:${shiftId}:${index}:${(n ?? 0) + 1}`).row();
  });
  keyboard.text(ctx.t("btn-log-fix-done"), `lg:ok:${shiftId}`);
  await replyOrEdit(ctx, text, keyboard, editMessageId);
}

async function replyOrEdit(ctx: DialogContext, text: string, keyboard: InlineKeyboard, editMessageId?: number) {
  if (editMessageId === undefined) return void (await ctx.reply(text, { reply_markup: keyboard }));
  // An edit that changes nothing (a press delivered twice) is refused by Telegram; the message is already right.
  await ctx.api.editMessageText(ctx.chat!.id, editMessageId, text, { reply_markup: keyboard }).catch((error: unknown) => {
    if (!String(error).includes("message is not modified")) throw error;
  });
}

/** The log message's buttons; every press is checked against the presser by the verb it calls. */
export function logViewFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  composer.callbackQuery(/^lg:(ok|cl|fx):(\d{1,9})$/, (ctx) =>
    guarded(ctx, async () => {
      const [, action, id] = ctx.match;
      const shiftId = Number(id);
      const messageId = ctx.callbackQuery.message?.message_id;
      if (action === "fx") {
        await showFix(ctx, shiftId, messageId);
        return void (await ctx.answerCallbackQuery());
      }
      if (action === "ok") await confirmLogCounts(ctx.domain(), shiftId);
      else await closeLog(ctx.domain(), shiftId);
      await ctx.answerCallbackQuery(ctx.t(action === "ok" ? "log-confirmed" : "log-closed"));
      await showLog(ctx, shiftId, messageId);
    }),
  );
  composer.callbackQuery(/^lg:set:(\d{1,9}):(\d):(\d{1,3})$/, (ctx) =>
    guarded(ctx, async () => {
      const shiftId = Number(ctx.match[1]);
      const kind = LOG_COUNTS[Number(ctx.match[2])];
      await fixLogCount(ctx.domain(), shiftId, kind ?? ("?" as LogCountKind), Number(ctx.match[3]));
      await ctx.answerCallbackQuery();
      await showFix(ctx, shiftId, ctx.callbackQuery.message?.message_id);
    }),
  );
  return composer;
}

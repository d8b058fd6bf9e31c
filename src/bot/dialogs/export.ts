import { InlineKeyboard, InputFile } from "grammy";
import { requireCoordinator } from "../../access/permissions.js";
import { ValidationError } from "../../domain/errors.js";
import { EXPORT_KIND_NAMES, exportCsv, type ExportKindName, type ExportLabels } from "../../exports/export-csv.js";
import { exportXlsx } from "../../exports/export-xlsx.js";
import { addDays, localNight } from "../../shifts/night.js";
import type { BotContext, DialogContext } from "../context.js";
import { exportLabels } from "../export-labels.js";
import { attempt } from "./attempt.js";
import { answerPress, choose, courtesy, nextInput, type DialogConversation } from "./next-input.js";

type ExportFormat = "xlsx" | "csv";

/** What a bot may upload to Telegram. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/**
 * /export (coordinators): the kind by button, then the nights by button (last 7 or 30) or as two
 * typed dates; the file comes back as a document, an Excel workbook unless CSV was picked beside
 * the ranges. The verb checks the role again when it runs.
 */
export async function exportDialog(conversation: DialogConversation, ctx: DialogContext): Promise<void> {
  const allowed = await attempt(conversation, async (o) => void (await requireCoordinator(o.domain())));
  if (!allowed.ok) return void (await ctx.reply(ctx.t(allowed.key, allowed.args)));

  const kinds = new InlineKeyboard();
  EXPORT_KIND_NAMES.forEach((k, i) => {
    kinds.text(ctx.t(`export-kind-${k}`), `ex:k:${k}`);
    if (i % 2 === 1) kinds.row();
  });
  await ctx.reply(ctx.t("export-ask-kind"), { reply_markup: kinds });
  const kind = (await choose(conversation, "ex:", /^ex:k:(shifts|attendance|incidents|logs)$/)).match[1] as ExportKindName;

  const today = await conversation.external((o) => localNight(o.deps.clock(), o.deps.config.BOT_TIMEZONE));
  const last = (nights: number) => ({ from: addDays(today, -nights), to: addDays(today, -1) });
  const presets = { "7": last(7), "30": last(30) };
  // An Excel workbook unless the coordinator picks CSV: the format buttons only change the mark.
  let format: ExportFormat = "xlsx";
  const ranges = () => {
    const label = (f: ExportFormat) => (f === format ? ctx.t("btn-export-chosen", { label: ctx.t(`btn-export-${f}`) }) : ctx.t(`btn-export-${f}`));
    return new InlineKeyboard()
      .text(ctx.t("btn-export-last-7", presets["7"]), "ex:r:7")
      .row()
      .text(ctx.t("btn-export-last-30", presets["30"]), "ex:r:30")
      .row()
      .text(label("xlsx"), "ex:f:xlsx")
      .text(label("csv"), "ex:f:csv");
  };
  await ctx.reply(ctx.t("export-ask-range"), { reply_markup: ranges() });
  for (;;) {
    const u = await nextInput(conversation, "ex:");
    let range: { from: string; to: string } | null = null;
    if (u.callbackQuery) {
      await answerPress(u);
      const data = u.callbackQuery.data ?? "";
      const picked = /^ex:f:(xlsx|csv)$/.exec(data)?.[1] as ExportFormat | undefined;
      if (picked) {
        if (picked !== format) {
          format = picked;
          await courtesy(u, () => u.editMessageReplyMarkup({ reply_markup: ranges() }));
        }
        continue;
      }
      const preset = /^ex:r:(7|30)$/.exec(data)?.[1] as keyof typeof presets | undefined;
      if (preset) range = presets[preset];
    } else range = typedRange(u.message?.text ?? "");
    if (!range) {
      await u.reply(ctx.t("export-ask-range"));
      continue;
    }
    const picked = range;
    const chosen = format;
    const sent = await attempt(conversation, (o) => sendExport(o, kind, picked, chosen));
    if (sent.ok) return;
    await u.reply(ctx.t(sent.key, sent.args));
  }
}

/** "2027-06-01 2027-06-30", "2027-6-1 至 2027-6-30", or one date for one night. */
export function typedRange(text: string): { from: string; to: string } | null {
  const dates = [...text.matchAll(/(\d{4})-(\d{1,2})-(\d{1,2})/g)].map((m) => `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`);
  if (dates.length === 1) return { from: dates[0]!, to: dates[0]! };
  if (dates.length === 2) return { from: dates[0]!, to: dates[1]! };
  return null;
}

/** Runs once per dialog step (its result is stored), so the file is built and sent once. */
async function sendExport(ctx: BotContext, kind: ExportKindName, range: { from: string; to: string }, format: ExportFormat): Promise<number> {
  const labels = exportLabels((key, args) => ctx.t(key, args));
  await ctx.replyWithChatAction("upload_document").catch(() => {});
  const file = format === "xlsx" ? await exportXlsx(ctx.domain(), { kind, ...range }, ctx.deps.config.BOT_TIMEZONE, labels) : await csvFile(ctx, kind, range, labels);
  if (file.bytes.length > MAX_UPLOAD_BYTES) throw new ValidationError("export.too_large");
  const { from, to } = file.range;
  const caption = ctx.t("export-caption", { kind: ctx.t(`export-kind-${kind}`), from, to, rows: file.rowCount });
  await ctx.replyWithDocument(new InputFile(file.bytes, `${kind}_${from}_${to}.${format}`), { caption });
  return file.rowCount;
}

/** The CSV gathered for upload, stopping as soon as it outgrows what Telegram takes. */
async function csvFile(ctx: BotContext, kind: ExportKindName, range: { from: string; to: string }, labels: ExportLabels) {
  const result = await exportCsv(ctx.domain(), { kind, ...range }, ctx.deps.config.BOT_TIMEZONE, labels);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of result.csv) {
    const bytes = Buffer.from(chunk as string);
    size += bytes.length;
    if (size > MAX_UPLOAD_BYTES) {
      result.csv.destroy();
      throw new ValidationError("export.too_large");
    }
    chunks.push(bytes);
  }
  return { range: result.range, bytes: Buffer.concat(chunks), rowCount: result.rowCount() };
}

import { stringify } from "csv-stringify/sync";
import type { Composer } from "grammy";
import { defuseFormula } from "../../exports/export-csv.js";
import { LeanComposer } from "../lean-composer.js";
import { botToken } from "../../config/config.js";
import { requireCoordinator } from "../../access/permissions.js";
import { importRoster, type ImportSummary } from "../../roster/import-roster.js";
import { queueImportReport } from "../../roster/queue-import-report.js";
import { t, type TextRef } from "../../outbox/payload.js";
import { decodeSpreadsheet, type RosterRecords } from "../../roster/roster-csv.js";
import { readRosterXlsx, XLSX_MIME } from "../../roster/roster-xlsx.js";
import type { BotContext, DialogContext } from "../context.js";
import { guarded, reasonKey } from "../errors.js";
import { excerpt } from "../views/excerpt.js";

const MAX_BYTES = 20 * 1024 * 1024; // what the Bot API lets a bot download
const PROGRESS_EVERY_MS = 1500;
const ERRORS_SHOWN = 20;

/**
 * A coordinator sends a recruitment spreadsheet (CSV or .xlsx) as a document. It is imported in the
 * background with a progress message edited in place, then a summary naming each bad line (and a
 * file of all of them when there are many), sent through the outbox.
 */
export function importFeature(): Composer<BotContext> {
  const composer = new LeanComposer<BotContext>();
  const chat = composer.chatType("private");

  chat.command("import", (ctx) =>
    guarded(ctx, async () => {
      await requireCoordinator(ctx.domain());
      await ctx.reply(ctx.t("import-howto"));
    }),
  );

  chat.on("message:document", (ctx) =>
    guarded(ctx, async () => {
      await requireCoordinator(ctx.domain());
      const document = ctx.message.document;
      const xlsx = /\.xlsx$/i.test(document.file_name ?? "") || document.mime_type === XLSX_MIME;
      if (!xlsx && !/\.csv$/i.test(document.file_name ?? "") && document.mime_type !== "text/csv") {
        await ctx.reply(ctx.t("import-not-csv"));
        return;
      }
      if ((document.file_size ?? 0) > MAX_BYTES) {
        await ctx.reply(ctx.t("import-too-large"));
        return;
      }
      const file = await ctx.getFile();
      const url = `${ctx.deps.config.TELEGRAM_API_ROOT}/file/bot${botToken(ctx.deps.config)}/${file.file_path}`;
      const response = await fetch(url);
      if (!response.ok) throw new Error(`downloading the roster failed: HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // A workbook that cannot be read is refused here, in a sentence, before anything starts.
      const roster = xlsx ? await readRosterXlsx(bytes) : decodeSpreadsheet(bytes);
      const progress = await ctx.reply(ctx.t("import-started"));
      ctx.deps.background("import", () => runImport(ctx, roster, progress.message_id));
    }),
  );

  return composer;
}

async function runImport(ctx: DialogContext, roster: string | RosterRecords, progressMessageId: number): Promise<void> {
  const chatId = ctx.chat!.id;
  let lastEdit = 0;
  try {
    const summary = await importRoster(ctx.domain(), roster, {
      planWith: ctx.deps.policy,
      onProgress: async (done, total) => {
        // The first chunk always shows, then at most one edit per interval.
        const now = Date.now();
        if (done === total || (lastEdit !== 0 && now - lastEdit < PROGRESS_EVERY_MS)) return;
        lastEdit = now;
        await ctx.api.editMessageText(chatId, progressMessageId, ctx.t("import-progress", { done, total })).catch(() => {});
      },
    });
    await ctx.api.editMessageText(chatId, progressMessageId, ctx.t("import-finished")).catch(() => {});
    const to = { personId: ctx.person?.personId ?? null, chatId, locale: await ctx.i18n.getLocale() };
    await queueImportReport(ctx.domain(), to, `${chatId}:${progressMessageId}`, {
      lines: summaryLines(summary),
      ...(summary.errors.length > ERRORS_SHOWN ? { problems: { fileName: `${ctx.t("import-problems-file")}.csv`, csv: problemsCsv(ctx, summary), count: summary.errors.length } } : {}),
    });
    ctx.deps.nudgeOutbox();
  } catch (error) {
    ctx.logger.error({ err: error }, "import failed");
    await ctx.api.sendMessage(chatId, ctx.t("import-failed"));
  }
}

/**
 * Every problem row when the chat shows only the first ones: a CSV in the coordinator's language
 * (UTF-8 with a byte order mark for Excel), to fix the spreadsheet from.
 */
function problemsCsv(ctx: DialogContext, s: ImportSummary): string {
  const rows = s.errors.map((e) => [e.line, ctx.t(reasonKey(e.reason), { value: e.value ?? "" })]);
  const header = [ctx.t("import-problems-col-row"), ctx.t("import-problems-col-problem")];
  return stringify([header, ...rows], { bom: true, cast: { string: defuseFormula } });
}

/** The counts, then the first problem lines; each quotes a cell only in part, so 20 of them stay under Telegram's 4,096 characters. */
function summaryLines(s: ImportSummary): TextRef[] {
  const lines: TextRef[] = [t("import-summary", { total: s.total, created: s.created, updated: s.updated, unchanged: s.unchanged, skipped: s.skipped, errors: s.errors.length })];
  for (const e of s.errors.slice(0, ERRORS_SHOWN)) lines.push(t("import-error-line", { line: e.line, reason: t(reasonKey(e.reason), { value: excerpt(e.value ?? "") }) }));
  if (s.errors.length > ERRORS_SHOWN) lines.push(t("import-more-errors", { count: s.errors.length - ERRORS_SHOWN }));
  return lines;
}

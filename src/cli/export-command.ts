import { createWriteStream, writeFileSync } from "node:fs";
import { extname } from "node:path";
import { pipeline } from "node:stream/promises";
import type { DomainContext } from "../domain/context.js";
import { isDomainError } from "../domain/errors.js";
import { EXPORT_KIND_NAMES, exportCsv } from "../exports/export-csv.js";
import { exportXlsx } from "../exports/export-xlsx.js";
import { exportLabels } from "../bot/export-labels.js";
import type { CliIo } from "./io.js";
import { cliWords, type CliWords } from "./words.js";

/** The refusals the CLI words for options (--from, --to) rather than as the chat does. */
const CLI_PROBLEMS = new Set(["export.unknown_kind", "export.bad_date", "export.range_reversed", "export.range_too_long", "export.xlsx_too_many_rows"]);

type Format = "xlsx" | "csv";

/**
 * `export <kind> --from --to [--out file] [--format xlsx|csv] [--lang zh|en]`: headers and codes
 * in the operator's language (DEFAULT_LOCALE) or the one --lang names; what the CLI itself says,
 * refusals included, always in the operator's. Without --format, an --out ending in .xlsx gets a
 * workbook and anything else a CSV, which streams, so a year of a district's attendance fits.
 */
export async function exportCommand(ctx: DomainContext, io: CliIo, timeZone: string, kind: string | undefined, values: { from?: string; to?: string; out?: string; lang?: string; format?: string }, say: CliWords): Promise<number> {
  const kinds = EXPORT_KIND_NAMES.join(", ");
  const refuse = (key: string, args: Record<string, string | number>) => (io.err.write(`${say.t(key, args)}\n`), 2);
  if (!kind || values.from === undefined || values.to === undefined) {
    return refuse("cli-export-usage", { kinds, example: "export attendance --from 2027-06-01 --to 2027-06-30" });
  }
  if (values.lang !== undefined && values.lang !== "zh" && values.lang !== "en") return refuse("cli-export-bad-lang", { lang: values.lang });
  if (values.format !== undefined && values.format !== "xlsx" && values.format !== "csv") return refuse("cli-export-bad-format", { format: values.format });
  const format: Format = (values.format as Format | undefined) ?? (values.out && extname(values.out).toLowerCase() === ".xlsx" ? "xlsx" : "csv");
  const labels = exportLabels((values.lang ? cliWords(values.lang) : say).t);
  const input = { kind, from: values.from, to: values.to };
  try {
    let written: { range: { from: string; to: string }; rows: number };
    if (format === "xlsx") {
      const workbook = await exportXlsx(ctx, input, timeZone, labels);
      if (values.out) writeFileSync(values.out, workbook.bytes);
      else io.out.write(workbook.bytes);
      written = { range: workbook.range, rows: workbook.rowCount };
    } else {
      const result = await exportCsv(ctx, input, timeZone, labels);
      // The output stays open after the export: it is the process's stdout, or a test's.
      if (values.out) await pipeline(result.csv, createWriteStream(values.out));
      else await pipeline(result.csv, io.out, { end: false });
      written = { range: result.range, rows: result.rowCount() };
    }
    const done = { kind: say.t(`export-kind-${kind}`), ...written.range, rows: written.rows };
    io.err.write(`${values.out ? say.t("cli-export-written", { ...done, file: values.out }) : say.t("cli-export-done", done)}\n`);
    return 0;
  } catch (error) {
    if (!isDomainError(error) || !CLI_PROBLEMS.has(error.reason)) throw error;
    return refuse(`cli-${error.reason.replace(/[._]/g, "-")}`, { ...error.details, kinds });
  }
}

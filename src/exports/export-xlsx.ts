import type { Cell, Row } from "write-excel-file/node";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import type { ExportRange } from "./export-range.js";
import { exportRows, type ExportKindName, type ExportLabels } from "./export-rows.js";

/**
 * The library builds the whole workbook in memory: 20,140 rows of attendance raised the RSS from
 * 182 to 276 MiB for 1.7 s, 39,220 rows from 193 to 343 MiB (bench/export.ts, FORMAT=xlsx, on
 * PostgreSQL). A district week (some 7,000 rows) costs little; past this a range goes out as
 * CSV, which is written while it is read and stays flat.
 */
export const MAX_XLSX_ROWS = 25_000;

/** Column widths in characters, as Excel counts them: wide enough for most cells, never a wall. */
const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

export interface XlsxExport {
  kind: ExportKindName;
  range: ExportRange;
  bytes: Buffer;
  rowCount: number;
}

/**
 * The same rows as the CSV (exportCsv) as an Excel workbook: a bold header row that stays in
 * view, numbers as numbers, nights and times as the same ISO text as the CSV ("2027-06-01",
 * "2027-06-01 20:03", local), so a sheet sorts and filters them and no time zone is guessed.
 * A cell is always text or a number, never a formula, so typed text needs no defusing here.
 */
export async function exportXlsx(
  ctx: DomainContext,
  input: { kind: string; from: unknown; to: unknown },
  timeZone: string,
  labels: ExportLabels,
  { maxRows = MAX_XLSX_ROWS }: { maxRows?: number } = {},
): Promise<XlsxExport> {
  const rows = await exportRows(ctx, input, timeZone, labels);
  const header: Row = rows.columns.map((c) => ({ value: c.header, fontWeight: "bold" }));
  const widths = rows.columns.map((c) => displayWidth(c.header));
  const sheet: Row[] = [header];
  for await (const batch of rows.batches()) {
    if (rows.rowCount() > maxRows) throw new ValidationError("export.xlsx_too_many_rows", { max: maxRows });
    for (const record of batch) {
      sheet.push(
        rows.columns.map(({ key }, i) => {
          const value = record[key];
          if (value !== null && value !== undefined) widths[i] = Math.max(widths[i]!, displayWidth(String(value)));
          return toCell(value, rows.numbers.has(key));
        }),
      );
    }
  }
  // Loaded on the first workbook, not when the bot starts.
  const { default: writeXlsxFile } = await import("write-excel-file/node");
  const bytes = await writeXlsxFile(sheet, {
    stickyRowsCount: 1,
    columns: widths.map((w) => ({ width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)) })),
  }).toBuffer();
  return { kind: rows.kind, range: rows.range, bytes, rowCount: rows.rowCount() };
}

function toCell(value: unknown, numberAsText: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  // Hours come as "3.50": a number with its two decimals shown, as in the CSV.
  if (numberAsText && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return { value: Number(value), format: "0.00" };
  return String(value);
}

/** A Chinese character takes two columns; only the longest line of a multi-line cell counts. */
function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split("\n")) {
    let width = 0;
    for (const ch of line) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import type { ExportRange } from "./export-range.js";
import { writeWorkbook, type SheetCell } from "./xlsx-workbook.js";
import { exportRows, type ExportKindName, type ExportLabels } from "./export-rows.js";

/**
 * The library builds the whole workbook in memory: 20,140 rows of attendance raised the RSS from
 * 182 to 276 MiB for 1.7 s, 39,220 rows from 193 to 343 MiB (bench/export.ts, FORMAT=xlsx, on
 * PostgreSQL). A district week (some 7,000 rows) costs little; past this a range goes out as
 * CSV, which is written while it is read and stays flat.
 */
export const MAX_XLSX_ROWS = 25_000;

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
 */
export async function exportXlsx(
  ctx: DomainContext,
  input: { kind: string; from: unknown; to: unknown },
  timeZone: string,
  labels: ExportLabels,
  { maxRows = MAX_XLSX_ROWS }: { maxRows?: number } = {},
): Promise<XlsxExport> {
  const rows = await exportRows(ctx, input, timeZone, labels);
  const sheet: SheetCell[][] = [];
  for await (const batch of rows.batches()) {
    if (rows.rowCount() > maxRows) throw new ValidationError("export.xlsx_too_many_rows", { max: maxRows });
    for (const record of batch) sheet.push(rows.columns.map(({ key }) => toCell(record[key], rows.numbers.has(key))));
  }
  const bytes = await writeWorkbook(rows.columns.map((c) => c.header), sheet);
  return { kind: rows.kind, range: rows.range, bytes, rowCount: rows.rowCount() };
}

function toCell(value: unknown, numberAsText: boolean): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return value;
  // Hours come as "3.50": a number with its two decimals shown, as in the CSV.
  if (numberAsText && typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return { value: Number(value), format: "0.00" };
  return String(value);
}

import { withoutControlCharacters } from "../domain/control-characters.js";
import { ValidationError } from "../domain/errors.js";
import type { RosterRecords } from "./roster-csv.js";
import type { SheetData } from "read-excel-file/node";

/** What an Excel workbook is sent as (a document's MIME type). */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An .xlsx file is a zip archive: its bytes start with "PK". */
export const looksLikeXlsx = (bytes: Uint8Array): boolean => bytes[0] === 0x50 && bytes[1] === 0x4b;

/**
 * The first worksheet of a recruitment spreadsheet as the records the CSV path checks, each
 * numbered by its spreadsheet row, so "row 12" in a problem is row 12 in Excel or WPS.
 * The reader is loaded on the first workbook, not when the bot starts.
 */
export async function readRosterXlsx(bytes: Uint8Array): Promise<RosterRecords> {
  const { readSheet } = await import("read-excel-file/node");
  let rows: SheetData;
  try {
    rows = await readSheet(Buffer.from(bytes), 1);
  } catch {
    // Not a zip, a damaged one, or a zip that is no workbook: all the same to the person sending it.
    throw new ValidationError("import.unreadable_xlsx");
  }
  const records = rows
    .map((row, index) => ({ line: index + 1, cells: row.map(cellText) }))
    .filter((r) => r.cells.some((cell) => cell !== ""));
  if (records.length === 0) throw new ValidationError("import.empty_xlsx");
  return { records, broken: [] };
}

/** A phone typed into Excel is a number; a date cell (never expected in a roster) reads as its day. */
function cellText(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return withoutControlCharacters(String(cell)).trim();
}

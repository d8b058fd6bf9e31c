import { writeWorkbook } from "../../exports/xlsx-workbook.js";
import type { TableSpec, TextRef } from "../../outbox/payload.js";
import { tableCsv } from "./table-csv.js";

/** A table as an Excel workbook, its column titles in the reader's language. */
export function tableXlsx(table: TableSpec, text: (ref: TextRef) => string): Promise<Buffer> {
  return writeWorkbook(table.columns.map(text), table.rows);
}

/** A table as the file its name asks for: a workbook for ".xlsx", else CSV. */
export async function tableFile(fileName: string, table: TableSpec, text: (ref: TextRef) => string): Promise<Buffer> {
  return fileName.endsWith(".xlsx") ? tableXlsx(table, text) : tableCsv(table, text);
}

import { stringify } from "csv-stringify/sync";
import type { TableSpec, TextRef } from "../../outbox/payload.js";

/**
 * A table as CSV with a UTF-8 byte order mark: Excel, which most town offices open it in, shows
 * Chinese names as garbage without it.
 */
export function tableCsv(table: TableSpec, text: (ref: TextRef) => string): Buffer {
  const header = table.columns.map(text);
  const rows = table.rows.map((row) => row.map((cell) => (cell === null ? "" : cell)));
  return Buffer.from(stringify([header, ...rows], { bom: true, record_delimiter: "windows" }), "utf8");
}

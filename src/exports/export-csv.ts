import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import type { DomainContext } from "../domain/context.js";
import type { ExportRange } from "./export-range.js";
import { exportRows, type ExportKindName, type ExportLabels } from "./export-rows.js";

export { CODE_LABELS, EXPORT_KIND_NAMES, EXPORT_KINDS, isExportKind, type ExportKindName, type ExportLabels } from "./export-rows.js";

export interface CsvExport {
  kind: ExportKindName;
  range: ExportRange;
  /** UTF-8 with a byte order mark, so Excel shows Chinese; read it once. */
  csv: Readable;
  /** Rows written so far (all of them once `csv` has ended). */
  rowCount(): number;
}

/**
 * A CSV of shifts, attendance, reports or duty logs over a range of nights, for coordinators
 * (and the CLI). It is produced while it is read, a week of nights at a time.
 */
export async function exportCsv(ctx: DomainContext, input: { kind: string; from: unknown; to: unknown }, timeZone: string, labels: ExportLabels): Promise<CsvExport> {
  const rows = await exportRows(ctx, input, timeZone, labels);
  // Labels are ours, never typed by people, but are defused like the rest all the same.
  const options = { columns: rows.columns, cast: { string: defuseFormula } };
  async function* chunks() {
    yield stringify([], { ...options, bom: true, header: true });
    for await (const batch of rows.batches()) yield stringify(batch, options);
  }
  return { kind: rows.kind, range: rows.range, csv: Readable.from(chunks(), { objectMode: false }), rowCount: rows.rowCount };
}

/**
 * Text that people wrote (a report, a log) is never run as a spreadsheet formula: a cell starting
 * with = + - @ is prefixed with an apostrophe, which Excel and LibreOffice show as plain text.
 */
export const defuseFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import { requireCoordinator } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { addDays } from "../shifts/night.js";
import { attendanceExport } from "./attendance-export.js";
import type { ExportKind } from "./export-kind.js";
import { parseExportRange, type ExportRange } from "./export-range.js";
import { incidentsExport } from "./incidents-export.js";
import { logsExport } from "./logs-export.js";
import { shiftsExport } from "./shifts-export.js";

export const EXPORT_KINDS = { shifts: shiftsExport, attendance: attendanceExport, incidents: incidentsExport, logs: logsExport } satisfies Record<string, ExportKind>;
export type ExportKindName = keyof typeof EXPORT_KINDS;
export const EXPORT_KIND_NAMES = Object.keys(EXPORT_KINDS) as ExportKindName[];
export const isExportKind = (name: string): name is ExportKindName => Object.hasOwn(EXPORT_KINDS, name);

/** Nights per query: a district-wide week of attendance is some 7,000 rows. */
const BATCH_NIGHTS = 7;

/**
 * How the reader sees the columns and the stored codes (replies, categories, yes/no): the entry
 * point builds it from its catalogue, so this layer never speaks a language itself.
 */
export interface ExportLabels {
  header(column: string): string;
  /** A code of one of the kind's `codes` columns, or "true"/"false" for a yes/no column. */
  value(column: string, raw: string): string;
}

/** The column keys and codes as stored, for programs that read the file. */
export const CODE_LABELS: ExportLabels = { header: (column) => column, value: (_column, raw) => raw };

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
  if (!isExportKind(input.kind)) throw new ValidationError("export.unknown_kind", { kind: input.kind });
  const range = parseExportRange(input);
  await requireCoordinator(ctx);
  const kind = EXPORT_KINDS[input.kind];
  let rows = 0;
  const columns = kind.columns.map((key) => ({ key, header: labels.header(key) }));
  const codes = new Set(kind.codes ?? []);
  const readable = (row: Record<string, unknown>) => {
    const out: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === "boolean") out[column] = labels.value(column, String(value));
      else if (typeof value === "string" && codes.has(column)) out[column] = labels.value(column, value);
      else out[column] = value;
    }
    return out;
  };
  // Labels are ours, never typed by people, but are defused like the rest all the same.
  const options = { columns, cast: { string: defuseFormula } };
  async function* batches() {
    yield stringify([], { ...options, bom: true, header: true });
    for (let from = range.from; from <= range.to; from = addDays(from, BATCH_NIGHTS)) {
      const last = addDays(from, BATCH_NIGHTS - 1);
      const batch = await kind.rows(ctx.db, { from, to: last < range.to ? last : range.to }, { timeZone, now: ctx.now });
      rows += batch.length;
      if (batch.length > 0) yield stringify(batch.map(readable), options);
    }
  }
  const csv = Readable.from(batches(), { objectMode: false });
  ctx.logger.info({ kind: input.kind, ...range }, "export started");
  return { kind: input.kind, range, csv, rowCount: () => rows };
}

/**
 * Text that people wrote (a report, a log) is never run as a spreadsheet formula: a cell starting
 * with = + - @ is prefixed with an apostrophe, which Excel and LibreOffice show as plain text.
 */
export const defuseFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

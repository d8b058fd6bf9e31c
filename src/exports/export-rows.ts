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

/** The rows of one export, in the reader's words, for a file writer (CSV or .xlsx) to lay out. */
export interface ExportRows {
  kind: ExportKindName;
  range: ExportRange;
  columns: { key: string; header: string }[];
  /** Columns the query gives as text (fixed decimals) that a spreadsheet should hold as numbers. */
  numbers: ReadonlySet<string>;
  /** The rows a week of nights at a time; read once. */
  batches(): AsyncGenerator<Record<string, unknown>[]>;
  /** Rows read so far (all of them once `batches` has ended). */
  rowCount(): number;
}

/**
 * Checks the request (a coordinator, a known kind, a sensible range) and returns its rows, read
 * a week of nights at a time, so a district-wide month never sits in memory.
 */
export async function exportRows(ctx: DomainContext, input: { kind: string; from: unknown; to: unknown }, timeZone: string, labels: ExportLabels): Promise<ExportRows> {
  if (!isExportKind(input.kind)) throw new ValidationError("export.unknown_kind", { kind: input.kind });
  const range = parseExportRange(input);
  await requireCoordinator(ctx);
  const kind = EXPORT_KINDS[input.kind];
  let rows = 0;
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
  async function* batches() {
    for (let from = range.from; from <= range.to; from = addDays(from, BATCH_NIGHTS)) {
      const last = addDays(from, BATCH_NIGHTS - 1);
      const batch = await kind.rows(ctx.db, { from, to: last < range.to ? last : range.to }, { timeZone, now: ctx.now });
      rows += batch.length;
      if (batch.length > 0) yield batch.map(readable);
    }
  }
  ctx.logger.info({ kind: input.kind, ...range }, "export started");
  return {
    kind: input.kind,
    range,
    columns: kind.columns.map((key) => ({ key, header: labels.header(key) })),
    numbers: new Set(kind.numbers ?? []),
    batches,
    rowCount: () => rows,
  };
}

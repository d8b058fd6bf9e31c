import { z } from "zod";
import { ValidationError } from "../domain/errors.js";
import { addDays, type Night } from "../shifts/night.js";

/** A year of nights: a district-wide year of attendance is about 400,000 rows, still a file Excel opens. */
export const MAX_EXPORT_NIGHTS = 366;

export interface ExportRange {
  from: Night;
  to: Night;
}

const isRealDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && addDays(text, 0) === text;

const night = z.string().trim().refine(isRealDate, { message: "export.bad_date" });

export const exportRangeSchema = z
  .object({ from: night, to: night })
  .refine((r) => r.from <= r.to, { message: "export.range_reversed" })
  .refine((r) => nightsBetween(r) <= MAX_EXPORT_NIGHTS, { message: "export.range_too_long" });

/** How many nights a range covers, both ends included. */
export const nightsBetween = (r: ExportRange) => Math.round((Date.parse(r.to) - Date.parse(r.from)) / 86_400_000) + 1;

/** Checks a range of nights typed by a person or an operator; a mistake is a ValidationError that says which. */
export function parseExportRange(input: { from: unknown; to: unknown }): ExportRange {
  const parsed = exportRangeSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path[0] === "to" ? "to" : "from";
  if (issue.message === "export.range_reversed") throw new ValidationError("export.range_reversed", { from: String(input.from), to: String(input.to) });
  if (issue.message === "export.range_too_long") throw new ValidationError("export.range_too_long", { max: MAX_EXPORT_NIGHTS });
  const value = input[field];
  throw new ValidationError("export.bad_date", { value: typeof value === "string" ? value : "" });
}

import { parse } from "csv-parse/sync";
import { z } from "zod";
import { withoutControlCharacters } from "../domain/control-characters.js";
import { classifyAffiliation } from "./affiliation.js";
import { normalizePhone } from "./phone.js";
import { parseWeekdays } from "./weekdays.js";

/**
 * Reads a recruitment spreadsheet saved as CSV. Every problem is a stable reason code with the
 * physical line it is on (header = line 1), so the bot can say "line 812: bad phone 1380013".
 */
export interface RosterError {
  line: number;
  /** e.g. "import.bad_phone"; the bot turns it into an i18n key. */
  reason: string;
  value?: string;
}

const COLUMNS = ["town", "community", "team", "name", "phone", "role", "weekdays", "affiliation"] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED = COLUMNS.filter((c) => c !== "affiliation");

const HEADER_ALIASES: Record<string, Column> = {
  town: "town", 镇: "town", 街道: "town", 镇街: "town", 镇街道: "town",
  community: "community", 村: "community", 社区: "community", 村社区: "community",
  team: "team", 队: "team", 队伍: "team", 巡防队: "team",
  name: "name", 姓名: "name",
  phone: "phone", 手机: "phone", 电话: "phone", 手机号: "phone", 手机号码: "phone", 联系电话: "phone",
  role: "role", 角色: "role", 职务: "role",
  weekdays: "weekdays", 巡防日: "weekdays", 可巡防日: "weekdays", 巡逻日: "weekdays", 可巡逻日: "weekdays", 星期: "weekdays",
  affiliation: "affiliation", 单位: "affiliation", 身份: "affiliation", 所属: "affiliation",
};

export type RosterRole = "volunteer" | "leader" | "deputy";
const ROLE_ALIASES: Record<string, RosterRole> = {
  "": "volunteer", volunteer: "volunteer", 志愿者: "volunteer", 队员: "volunteer",
  leader: "leader", shiftleader: "leader", 带班: "leader", 带班干部: "leader", 队长: "leader",
  deputy: "deputy", deputyleader: "deputy", 副队长: "deputy",
};

/** Spreadsheet headers carry spaces, "*" for required, "/" between alternatives and "(必填)" notes. */
const headerKey = (h: string) =>
  h.normalize("NFKC").toLowerCase().replace(/[\s*]/g, "").replace(/\(.*\)$/, "").replace(/[/、]/g, "");

const label = (missing: string) => z.string().trim().min(1, missing).max(64, "import.too_long");

const rowSchema = z.object({
  town: label("import.missing_town"),
  community: label("import.missing_community"),
  team: label("import.missing_team"),
  name: label("import.missing_name"),
  phone: z.string().transform((raw, ctx) => {
    if (raw.trim() === "") return null;
    const phone = normalizePhone(raw);
    if (phone === null) ctx.addIssue({ code: "custom", message: "import.bad_phone" });
    return phone;
  }),
  role: z.string().transform((raw, ctx) => {
    const role = ROLE_ALIASES[raw.toLowerCase().replace(/\s/g, "")];
    if (role === undefined) ctx.addIssue({ code: "custom", message: "import.bad_role" });
    return role ?? "volunteer";
  }),
  weekdays: z.string().transform((raw, ctx) => {
    const mask = parseWeekdays(raw);
    if (mask === null) ctx.addIssue({ code: "custom", message: "import.bad_weekdays" });
    return mask ?? 0;
  }),
  affiliation: z
    .string()
    .trim()
    .max(100, "import.too_long")
    .transform((text) => {
      const kind = classifyAffiliation(text);
      return kind === null ? null : { text, kind };
    }),
});

export type RosterRow = z.output<typeof rowSchema> & { line: number };

export interface ParsedRoster {
  /** Data records in the file, valid or not (blank lines are not records). */
  total: number;
  rows: RosterRow[];
  errors: RosterError[];
}

/** A sheet's non-empty rows with the line (CSV) or row number (xlsx) each is on; `broken`: lines that could not be read. */
export interface RosterRecords {
  records: Array<{ line: number; cells: string[] }>;
  broken: number[];
}

export function parseRosterCsv(csvText: string): ParsedRoster {
  return parseRosterRecords(readRecords(csvText));
}

/** The rows of a CSV or of a worksheet, checked the same way: header first, then one person a row. */
export function parseRosterRecords({ records, broken }: RosterRecords): ParsedRoster {
  const errors: RosterError[] = broken.map((line) => ({ line, reason: "import.bad_csv" }));
  const [header, ...data] = records;
  const total = data.length + broken.length;
  const columns = new Map<Column, number>();
  header?.cells.forEach((cell, index) => {
    const column = HEADER_ALIASES[headerKey(cell)];
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const missing = REQUIRED.filter((c) => !columns.has(c));
  if (missing.length > 0) return { total, rows: [], errors: [{ line: 1, reason: "import.missing_column", value: missing.join(",") }] };

  const valid: RosterRow[] = [];
  for (const { line, cells } of data) {
    const raw = Object.fromEntries(COLUMNS.map((c) => [c, cells[columns.get(c) ?? -1] ?? ""])) as Record<Column, string>;
    const parsed = rowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const value = raw[issue.path[0] as Column];
        errors.push({ line, reason: issue.message, ...(value ? { value } : {}) });
      }
      continue;
    }
    valid.push({ ...parsed.data, line });
  }
  const rows = withoutDuplicates(valid, errors);
  errors.sort((a, b) => a.line - b.line);
  return { total, rows, errors };
}

/**
 * A phone names one person per team. Without a phone a person is known by name within the team,
 * so such a row also clashes with any row of that name there, whichever comes first: the file
 * cannot say whether they are one person.
 */
function withoutDuplicates(rows: RosterRow[], errors: RosterError[]): RosterRow[] {
  const inTeam = (r: RosterRow, who: string) => [r.town, r.community, r.team, who].join("\u0000");
  const namesWithPhone = new Set(rows.filter((r) => r.phone).map((r) => inTeam(r, r.name)));
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = inTeam(row, row.phone ?? `name:${row.name}`);
    if (seen.has(key) || (!row.phone && namesWithPhone.has(inTeam(row, row.name)))) {
      errors.push({ line: row.line, reason: "import.duplicate_in_file", value: row.phone ?? row.name });
      return false;
    }
    seen.add(key);
    return true;
  });
}

/**
 * Records with the physical line each starts on. csv-parse reports the line a record ends on
 * (and counts CRLF inside quotes twice), so line ends are unified first and the newlines inside
 * the record's cells are subtracted. For a record it cannot read (an unclosed quote swallows
 * the rest of the file) it gives the byte offset where the record began.
 */
function readRecords(csvText: string): RosterRecords {
  const text = withoutControlCharacters(csvText.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"));
  const lineAtByte = (offset: number) => Buffer.from(text).subarray(0, offset).toString().split("\n").length;
  const broken = new Set<number>();
  const parsed = parse(text, {
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) broken.add(lineAtByte(Number(error.bytes)));
      return undefined;
    },
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  const records = parsed
    .map(({ record, info }) => ({
      line: info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0),
      cells: record.map((cell) => cell.trim()),
    }))
    // Spreadsheets export rows of empty cells (",,,,") below the data.
    .filter((r) => r.cells.some((cell) => cell !== ""));
  return { records, broken: [...broken] };
}

/**
 * Spreadsheets saved by Chinese Excel are often GB18030 (GBK), not UTF-8. Bytes that are not
 * valid UTF-8 are read as GB18030, which is a superset of GBK and GB2312.
 */
export function decodeSpreadsheet(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/storage/db.js";
import { cliOn, type CliRun } from "../support/cli.js";
import { exportWorld } from "../support/export-world.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
let cli: (args: string[]) => Promise<CliRun>;
let englishCli: (args: string[]) => Promise<CliRun>;
afterAll(() => database?.close());

describe("exports from the CLI", () => {
  let dataDir: string;
  beforeAll(async () => {
    // A seeded history on the test store; the CLI runs in this process on the same store.
    dataDir = mkdtempSync(join(tmpdir(), "shouye-export-"));
    database = await openTestDatabase();
    await exportWorld(database.db);
    cli = cliOn(database);
    englishCli = cliOn(database, { DEFAULT_LOCALE: "en" });
  }, 60_000);

  it("When an operator exports attendance to stdout and shifts to a file with --lang en, then both are the CSV of those nights, in DEFAULT_LOCALE (zh) and in English", async () => {
    const out = await cli(["export", "attendance", "--from", "2027-03-01", "--to", "2027-03-05"]);
    expect(out.code).toBe(0);
    expect([...out.stdout.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parse(out.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r["姓名"] === "张三丰").map((r) => [r["日期"], r["服务时长（小时）"], r["自动签退"], r["退出原因"]])).toEqual([
      ["2027-03-01", "3.50", "否", ""], ["2027-03-02", "4.25", "是", ""], ["2027-03-03", "", "否", ""], ["2027-03-04", "", "否", "被队长移出"], ["2027-03-05", "3.50", "否", ""],
    ]);
    expect(out.stderr).toContain("出勤，2027-03-01至2027-03-05：共 20 行");

    const file = join(dataDir, "shifts.csv");
    const written = await cli(["export", "shifts", "--from", "2027-03-01", "--to", "2027-03-02", "--out", file, "--lang", "en"]);
    expect(written.code).toBe(0);
    expect(written.stdout.length).toBe(0);
    const shifts = parse(readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
    expect(shifts.map((s) => [s.Night, s.Team, s["Shift leader"], s["Checked in"]])).toEqual([["2027-03-01", "Yunxi Patrol", "Qian Yi", "1"], ["2027-03-02", "Yunxi Patrol", "Qian Yi", "1"]]);
  }, 60_000);

  it("When the --out file ends in .xlsx, or --format xlsx is given, then the CLI writes an Excel workbook; --format csv keeps a CSV whatever the name", async () => {
    const workbook = join(dataDir, "attendance.xlsx");
    const run = await cli(["export", "attendance", "--from", "2027-03-01", "--to", "2027-03-05", "--out", workbook]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`出勤，2027-03-01至2027-03-05：共 20 行，已写入 ${workbook}`);
    const [header, ...rows] = await readSheet(readFileSync(workbook), 1);
    expect(header!.slice(0, 3)).toEqual(["日期", "镇街", "村（社区）"]);
    expect(rows).toHaveLength(20);
    const hours = header!.indexOf("服务时长（小时）");
    expect(rows.filter((r) => r[header!.indexOf("姓名")] === "张三丰").map((r) => r[hours])).toEqual([3.5, 4.25, null, null, 3.5]);

    const toStdout = await cli(["export", "shifts", "--from", "2027-03-01", "--to", "2027-03-02", "--format", "xlsx", "--lang", "en"]);
    expect(toStdout.code).toBe(0);
    const [shiftsHeader, ...shifts] = await readSheet(toStdout.stdout, 1);
    expect(shiftsHeader!.slice(0, 4)).toEqual(["Night", "Town", "Community", "Team"]);
    expect(shifts.map((r) => [r[0], r[shiftsHeader!.indexOf("Checked in")]])).toEqual([["2027-03-01", 1], ["2027-03-02", 1]]);
    expect((await englishCli(["export", "shifts", "--from", "2027-03-01", "--to", "2027-03-01", "--format", "xlsx"])).stderr).toBe("Shifts, 2027-03-01 to 2027-03-01: 1 row\n");

    const csvNamedXlsx = join(dataDir, "kept-as.xlsx");
    expect((await cli(["export", "logs", "--from", "2027-03-01", "--to", "2027-03-05", "--out", csvNamedXlsx, "--format", "csv"])).code).toBe(0);
    expect([...readFileSync(csvNamedXlsx).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  }, 60_000);

  it("When the kind, a date, the range, the language or the format is wrong, then the CLI says what in the operator's language and exits with 2, writing no file", async () => {
    const cases: Array<[string[], RegExp, RegExp]> = [
      [["export", "payroll", "--from", "2027-03-01", "--to", "2027-03-05"], /无法导出“payroll”：请从 shifts, attendance, incidents, logs 中选择/, /cannot export "payroll": choose one of shifts, attendance, incidents, logs/],
      [["export", "logs", "--from", "2027-02-30", "--to", "2027-03-05"], /无法导出：“2027-02-30”不是日期/, /"2027-02-30" is not a date; write --from and --to as YYYY-MM-DD/],
      [["export", "logs", "--from", "2027-03-05", "--to", "2027-03-01"], /无法导出：“--from”的日期（2027-03-05）晚于“--to”的日期（2027-03-01）/, /--from 2027-03-05 is after --to 2027-03-01/],
      [["export", "logs", "--from", "2027-03-01", "--to", "2028-03-05"], /一次最多导出 366 晚/, /at most 366 nights at a time/],
      [["export", "logs", "--from", "2027-03-01"], /导出需要指定导出内容（shifts, attendance, incidents, logs）以及“--from”和“--to”/, /export needs a kind .*, --from and --to/],
      [["export", "logs", "--from", "2027-03-01", "--to", "2027-03-05", "--lang", "fr"], /无法用“fr”导出：请写“--lang zh”或“--lang en”/, /cannot export in "fr": --lang is zh or en/],
      [["export", "logs", "--from", "2027-03-01", "--to", "2027-03-05", "--format", "ods"], /无法导出为“ods”：请写“--format xlsx”或“--format csv”/, /cannot export as "ods": --format is xlsx or csv/],
    ];
    for (const [args, zh, en] of cases) {
      for (const [run, message] of [[await cli(args), zh], [await englishCli(args), en]] as const) {
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stderr).toMatch(message);
        expect(run.stdout.length).toBe(0);
      }
    }
  }, 60_000);
});

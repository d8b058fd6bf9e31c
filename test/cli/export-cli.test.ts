import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/storage/db.js";
import { cliOn, type CliRun } from "../support/cli.js";
import { exportWorld } from "../support/export-world.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
let cli: (args: string[]) => Promise<CliRun>;
afterAll(() => database?.close());

describe("exports from the CLI", () => {
  let dataDir: string;
  beforeAll(async () => {
    // A seeded history on the test store; the CLI runs in this process on the same store.
    dataDir = mkdtempSync(join(tmpdir(), "shouye-export-"));
    database = await openTestDatabase();
    await exportWorld(database.db);
    cli = cliOn(database);
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
    expect(out.stderr).toContain("20 rows of attendance, 2027-03-01 to 2027-03-05");

    const file = join(dataDir, "shifts.csv");
    const written = await cli(["export", "shifts", "--from", "2027-03-01", "--to", "2027-03-02", "--out", file, "--lang", "en"]);
    expect(written.code).toBe(0);
    expect(written.stdout.length).toBe(0);
    const shifts = parse(readFileSync(file), { bom: true, columns: true }) as Record<string, string>[];
    expect(shifts.map((s) => [s.Night, s.Team, s["Shift leader"], s["Checked in"]])).toEqual([["2027-03-01", "Yunxi Patrol", "Qian Yi", "1"], ["2027-03-02", "Yunxi Patrol", "Qian Yi", "1"]]);
  }, 60_000);

  it("When the kind, a date or the range is wrong, then the CLI says what and exits with 2, writing no CSV", async () => {
    const cases: Array<[string[], RegExp]> = [
      [["export", "payroll", "--from", "2027-03-01", "--to", "2027-03-05"], /cannot export "payroll": choose one of shifts, attendance, incidents, logs/],
      [["export", "logs", "--from", "2027-02-30", "--to", "2027-03-05"], /"2027-02-30" is not a date; write --from and --to as YYYY-MM-DD/],
      [["export", "logs", "--from", "2027-03-05", "--to", "2027-03-01"], /--from 2027-03-05 is after --to 2027-03-01/],
      [["export", "logs", "--from", "2027-03-01"], /export needs a kind .*, --from and --to/],
      [["export", "logs", "--from", "2027-03-01", "--to", "2027-03-05", "--lang", "fr"], /cannot export in "fr": --lang is zh or en/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout.length).toBe(0);
    }
  }, 60_000);
});

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_LABELS, exportCsv } from "../../src/exports/export-csv.js";
import { exportXlsx } from "../../src/exports/export-xlsx.js";
import { submitReport } from "../../src/incidents/submit-report.js";
import type { Database } from "../../src/storage/db.js";
import { asPerson, contextFor, makePerson, system } from "../support/domain.js";
import { exportWorld } from "../support/export-world.js";
import { openTestDatabase } from "../support/test-database.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2027-06-12T04:00:00Z");
let database: Database;
let world: Awaited<ReturnType<typeof exportWorld>>;

beforeAll(async () => {
  database = await openTestDatabase();
  world = await exportWorld(database.db);
  // Text a resident or volunteer typed must never run as a spreadsheet formula.
  await submitReport(contextFor(database.db, asPerson(world.volunteerId), new Date("2027-03-02T13:00:00Z")), { refPrefix: "NH", timeZone: TZ, publicPerDay: 5, bbox: null }, {
    clientKey: "formula", category: "hazard", description: "=HYPERLINK(\"http://x\")", voiceFileId: null, photoFileIds: [], location: null,
  });
}, 60_000);
afterAll(async () => {
  await database?.close();
});

/** Runs an export with the stored codes (the labels are tested through the bot and the CLI) and reads the CSV back: the raw bytes and the rows as objects. */
async function exported(kind: string, from: string, to: string) {
  const result = await exportCsv(contextFor(database.db, system, NOW), { kind, from, to }, TZ, CODE_LABELS);
  const chunks: Buffer[] = [];
  for await (const chunk of result.csv) chunks.push(Buffer.from(chunk as string));
  const bytes = Buffer.concat(chunks);
  const rows = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
  const header = (parse(bytes, { bom: true, to_line: 1 }) as string[][])[0];
  return { bytes, rows, header, count: result.rowCount() };
}

describe("CSV exports", () => {
  it("When shifts are exported, then each night of the range is a row with its headcounts, leader and log closing", async () => {
    const { bytes, rows, header, count } = await exported("shifts", "2027-03-01", "2027-03-05");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header).toEqual(["night", "town", "community", "team", "duty", "location", "starts_at", "ends_at", "required", "on_roster", "checked_in", "no_shows", "shift_leader", "log_closed_at", "cancelled_at"]);
    expect(count).toBe(5);
    expect(rows.map((r) => [r.night, r.on_roster, r.checked_in, r.no_shows])).toEqual([
      ["2027-03-01", "4", "1", "0"],
      ["2027-03-02", "4", "1", "0"],
      ["2027-03-03", "4", "0", "4"],
      ["2027-03-04", "3", "0", "0"],
      ["2027-03-05", "4", "1", "0"],
    ]);
    expect(rows[0]).toMatchObject({ town: "Daqiao", community: "Yunxi", team: "Yunxi Patrol", duty: "patrol", starts_at: "2027-03-01 20:00", ends_at: "2027-03-02 00:00", required: "4", shift_leader: "Qian Yi", log_closed_at: "2027-03-01 23:55", cancelled_at: "" });
  });

  it("When attendance is exported, then everyone put on a shift is a row, with check-in and out, no-shows, removals and the hours that count", async () => {
    const { rows } = await exported("attendance", "2027-03-01", "2027-03-05");
    expect(rows).toHaveLength(20);
    const mine = rows.filter((r) => r.person_id === String(world.volunteerId));
    expect(mine.map((r) => [r.night, r.checked_in_at, r.checked_out_at, r.auto_checked_out, r.marked_present, r.no_show_at, r.ended_reason, r.hours])).toEqual([
      ["2027-03-01", "2027-03-01 20:00", "2027-03-01 23:30", "false", "false", "", "", "3.50"],
      ["2027-03-02", "2027-03-02 19:45", "2027-03-03 00:00", "true", "false", "", "", "4.25"],
      ["2027-03-03", "", "", "false", "false", "2027-03-03 20:31", "", ""],
      ["2027-03-04", "2027-03-04 20:05", "", "false", "false", "", "removed", ""],
      ["2027-03-05", "2027-03-05 20:30", "2027-03-06 00:00", "false", "true", "", "", "3.50"],
    ]);
    expect(mine[3]).toMatchObject({ name: "张三丰", affiliation: "嘉兴学院", team: "Yunxi Patrol", source: "rota", ended_at: "2027-03-04 21:00" });
  });

  it("When reports are exported, then each is a row on its night with category, reporter and verdict, and typed formulas are defused", async () => {
    const { rows } = await exported("incidents", "2027-03-01", "2027-03-05");
    expect(rows.map((r) => [r.night, r.category, r.verdict])).toEqual([
      ["2027-03-01", "tip", "useful"],
      ["2027-03-01", "tip", "not_useful"],
      ["2027-03-02", "hazard", ""],
      ["2027-03-05", "suspicious", ""],
      ["2027-03-05", "hazard", ""],
    ]);
    expect(rows[0]).toMatchObject({ ref: expect.stringMatching(/^NH-2027-\d{6}$/), created_at: "2027-03-01 21:00", public: "false", town: "Daqiao", team: "Yunxi Patrol", reporter: "张三丰", description: "Stolen bikes behind the market", verdict_at: "2027-03-02 10:00" });
    expect(rows[2]!.description).toBe("'=HYPERLINK(\"http://x\")");
  });

  it("When logs are exported, then the night with a log shows its confirmed figures, counts of entries and its text", async () => {
    const { rows } = await exported("logs", "2027-03-01", "2027-03-05");
    expect(rows).toEqual([
      {
        night: "2027-03-01", town: "Daqiao", community: "Yunxi", team: "Yunxi Patrol", duty: "patrol", shift_leader: "Qian Yi",
        on_patrol: "4", hazards: "1", tips: "", helped: "", disputes: "", figures_confirmed_at: "2027-03-01 22:00", log_closed_at: "2027-03-01 23:55",
        messages: "1", photos: "1", voice_notes: "0", text: "4人巡逻，发现隐患1处",
      },
    ]);
  });

  it("When the range spans more than a batch of nights, then the batches join into one file with one header, in order", async () => {
    const { rows, bytes } = await exported("attendance", "2026-12-25", "2027-03-02");
    expect(rows.map((r) => r.night)).toEqual([...Array(4).fill("2026-12-30"), ...Array(4).fill("2027-03-01"), ...Array(4).fill("2027-03-02")]);
    expect(bytes.toString("utf8").match(/night,town/g)).toHaveLength(1);
    const empty = await exported("logs", "2027-04-01", "2027-04-03");
    expect(empty.rows).toEqual([]);
    expect(empty.header![0]).toBe("night");
  });

  it("When the input is wrong or the asker is no coordinator, then it is refused with the reason", async () => {
    const as = (actor: Parameters<typeof contextFor>[1]) => contextFor(database.db, actor, NOW);
    const tryExport = (kind: string, from: string, to: string, ctx = as(system)) => exportCsv(ctx, { kind, from, to }, TZ, CODE_LABELS);
    await expect(tryExport("payroll", "2027-03-01", "2027-03-05")).rejects.toMatchObject({ reason: "export.unknown_kind" });
    await expect(tryExport("shifts", "2027-02-30", "2027-03-05")).rejects.toMatchObject({ reason: "export.bad_date", details: { value: "2027-02-30" } });
    await expect(tryExport("shifts", "2027-03-01", "3 March")).rejects.toMatchObject({ reason: "export.bad_date", details: { value: "3 March" } });
    await expect(tryExport("shifts", "2027-03-05", "2027-03-01")).rejects.toMatchObject({ reason: "export.range_reversed" });
    await expect(tryExport("shifts", "2026-01-01", "2027-03-01")).rejects.toMatchObject({ reason: "export.range_too_long", details: { max: 366 } });
    await expect(tryExport("shifts", "2026-03-01", "2027-03-01")).resolves.toBeDefined();
    await expect(tryExport("shifts", "2027-03-01", "2027-03-05", as(asPerson(world.leaderId)))).rejects.toMatchObject({ code: "forbidden" });
    const coordinator = await makePerson(database.db, { role: "coordinator" });
    await expect(tryExport("shifts", "2027-03-01", "2027-03-05", as(asPerson(coordinator.personId)))).resolves.toMatchObject({ range: { from: "2027-03-01", to: "2027-03-05" } });
  });
  it("When a workbook would hold more rows than it may, then it is refused with the limit before it is built, and the CSV of the same range still comes", async () => {
    const ctx = contextFor(database.db, system, NOW);
    const input = { kind: "attendance", from: "2027-03-01", to: "2027-03-05" };
    await expect(exportXlsx(ctx, input, TZ, CODE_LABELS, { maxRows: 19 })).rejects.toMatchObject({ reason: "export.xlsx_too_many_rows", details: { max: 19 } });
    expect((await exportXlsx(ctx, input, TZ, CODE_LABELS, { maxRows: 20 })).rowCount).toBe(20);
    expect((await exported("attendance", "2027-03-01", "2027-03-05")).count).toBe(20);
  });
});

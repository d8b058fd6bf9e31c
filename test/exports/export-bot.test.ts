import { parse } from "csv-parse/sync";
import { readSheet } from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { exportWorld } from "../support/export-world.js";
import { pressData } from "../support/reports.js";
import { activeMember, userWithRole } from "../support/world.js";

let h: BotHarness;
let coordinator: FakeUser;
let teamId: number;

beforeAll(async () => {
  h = await startBotHarness();
  ({ teamId } = await exportWorld(h.database.db));
  coordinator = await userWithRole(h, "Coord Export", { role: "coordinator" });
  h.setNow("2027-03-06T04:00:00Z"); // the morning after the last seeded night
}, 60_000);
afterAll(async () => {
  await h?.close();
});

/** The CSV the bot sent as a document, read back from the bytes Telegram received. */
function csvOf(user: FakeUser, documentName: string) {
  const sent = user.messages().find((m) => m.document?.file_name === documentName);
  expect(sent, `a document ${documentName}`).toBeDefined();
  const bytes = h.fake.fileBytes(sent!.document!.file_id)!;
  expect([...bytes.subarray(0, 3)], "UTF-8 with a byte order mark").toEqual([0xef, 0xbb, 0xbf]);
  return { caption: sent!.caption, rows: parse(bytes, { bom: true, columns: true }) as Record<string, string>[] };
}

/** The workbook the bot sent as a document, read back from the bytes Telegram received. */
async function sheetOf(user: FakeUser, documentName: string) {
  const sent = user.messages().find((m) => m.document?.file_name === documentName);
  expect(sent, `a document ${documentName}`).toBeDefined();
  const bytes = h.fake.fileBytes(sent!.document!.file_id)!;
  const [header, ...rows] = await readSheet(Buffer.from(bytes), 1);
  return { caption: sent!.caption, header: header!, rows: rows.map((row) => Object.fromEntries(header!.map((title, i) => [String(title), row[i] ?? null]))) };
}

describe("/export", () => {
  it("When an English coordinator picks attendance, CSV and the last 7 nights, then the CSV of those nights comes back with English headers and values", async () => {
    const start = coordinator.cursor();
    await coordinator.send("/export");
    await coordinator.click(await coordinator.waitForMessage(/What do you want to export/, { after: start }), "Attendance");
    const ask = await coordinator.waitForMessage(/Which nights/, { after: start });
    const pressed = coordinator.cursor();
    await coordinator.click(ask, "CSV");
    // The mark moves to CSV, so the coordinator sees what the file will be.
    const formats = (m: Message) => m.reply_markup?.inline_keyboard.at(-1)?.map((b) => b.text);
    const marked = await coordinator.waitForMessage((m) => m.message_id === ask.message_id && formats(m)?.join(" | ") === "Excel (.xlsx) | ✓ CSV", { after: pressed });
    expect(formats(marked)).toEqual(["Excel (.xlsx)", "✓ CSV"]);
    await coordinator.click(ask, "Last 7 nights (2027-02-27 – 2027-03-05)");
    await coordinator.waitForMessage((m) => m.document !== undefined, { after: start });
    const { caption, rows } = csvOf(coordinator, "attendance_2027-02-27_2027-03-05.csv");
    expect(caption).toMatch(/^Attendance, 2027-02-27 – 2027-03-05: 20 rows\./);
    expect(rows).toHaveLength(20);
    const zhang = rows.filter((r) => r.Name === "张三丰");
    expect(zhang.map((r) => [r.Hours, r["Checked out automatically"], r["Marked present"], r["Why taken off"]])).toEqual([
      ["3.50", "no", "no", ""], ["4.25", "yes", "no", ""], ["", "no", "no", ""], ["", "no", "no", "Taken off by a lead"], ["3.50", "no", "yes", ""],
    ]);
    expect(zhang.every((r) => r.Reply === "Coming" || r.Reply === "")).toBe(true);
  });

  it("When a Chinese coordinator exports attendance as it comes, then an Excel workbook arrives with Chinese headers and values, numbers as numbers and times as text", async () => {
    const zhCoordinator = await userWithRole(h, "协调员", { role: "coordinator" }, "zh");
    const start = zhCoordinator.cursor();
    await zhCoordinator.send("/export");
    await zhCoordinator.click(await zhCoordinator.waitForMessage(/请选择要导出的内容/, { after: start }), "出勤");
    const ask = await zhCoordinator.waitForMessage(/导出哪几晚/, { after: start });
    expect(ask.reply_markup?.inline_keyboard.at(-1)?.map((b) => b.text)).toEqual(["✓ Excel 表格", "CSV"]);
    await zhCoordinator.click(ask, "最近 7 晚（2027-02-27至2027-03-05）");
    await zhCoordinator.waitForMessage((m) => m.document !== undefined, { after: start });
    const { caption, header, rows } = await sheetOf(zhCoordinator, "attendance_2027-02-27_2027-03-05.xlsx");
    expect(caption).toMatch(/^出勤，2027-02-27至2027-03-05：共 20 行。/);
    expect(header.slice(0, 6)).toEqual(["日期", "镇街", "村（社区）", "志愿巡防队", "岗位", "人员编号"]);
    expect(rows).toHaveLength(20);
    const zhang = rows.filter((r) => r["姓名"] === "张三丰");
    expect(zhang.map((r) => [r["日期"], r["服务时长（小时）"], r["自动签退"], r["补记到岗"], r["退出原因"]])).toEqual([
      ["2027-03-01", 3.5, "否", "否", null], ["2027-03-02", 4.25, "是", "否", null], ["2027-03-03", null, "否", "否", null], ["2027-03-04", null, "否", "否", "被队长移出"], ["2027-03-05", 3.5, "否", "是", null],
    ]);
    expect(zhang.every((r) => typeof r["人员编号"] === "number")).toBe(true);
    expect(zhang.find((r) => r["签到时间"] !== null)?.["签到时间"]).toMatch(/^2027-03-0\d \d{2}:\d{2}$/);
    expect(rows.some((r) => /^[a-z_]+$/.test(String(r["排班方式"] ?? "")) || /^[a-z_]+$/.test(String(r["答复"] ?? "")))).toBe(false);
  });

  it("When a coordinator types the dates the wrong way round, then they are told and can type them again", async () => {
    const start = coordinator.cursor();
    await coordinator.send("/export");
    await coordinator.click(await coordinator.waitForMessage(/What do you want to export/, { after: start }), "Duty logs");
    await coordinator.waitForMessage(/Which nights/, { after: start });
    await coordinator.send("2027-03-05 2027-03-01");
    await coordinator.waitForMessage("The first date (2027-03-05) is after the second (2027-03-01).", { after: start });
    await coordinator.send("2027-3-1 至 2027-3-5");
    await coordinator.waitForMessage((m) => m.document !== undefined, { after: start });
    const { rows } = await sheetOf(coordinator, "logs_2027-03-01_2027-03-05.xlsx");
    expect(rows.map((r) => [r.Night, r["On patrol"], r.Text])).toEqual([["2027-03-01", 4, "4人巡逻，发现隐患1处"]]);
  });

  it("When a volunteer or a leader asks for an export, or presses a forged export button, then they are refused and get no file", async () => {
    const volunteer = (await activeMember(h, teamId, "Curious Volunteer")).user;
    const leader = await userWithRole(h, "Curious Leader", { role: "leader", teamId });
    for (const user of [volunteer, leader]) {
      const start = user.cursor();
      await user.send("/export");
      const refused = await user.waitForMessage(/Only district coordinators can do that/, { after: start });
      const answer = await pressData(user, refused, "ex:k:attendance");
      expect(answer).toMatchObject({ show_alert: true, text: "This button no longer works." });
      // No dialog is waiting for dates from them: typed dates are just a message the bot does not understand.
      await user.send("2027-03-01 2027-03-05");
      await user.waitForMessage(/Send \/help/, { after: start });
      expect(user.messages().filter((m) => m.document !== undefined)).toEqual([]);
    }
  });
});

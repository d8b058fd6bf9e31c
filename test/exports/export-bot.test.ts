import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

describe("/export", () => {
  it("When a coordinator picks attendance and the last 7 nights, then the CSV of those nights comes back as a document", async () => {
    const start = coordinator.cursor();
    await coordinator.send("/export");
    await coordinator.click(await coordinator.waitForMessage(/What do you want to export/, { after: start }), "Attendance");
    const ask = await coordinator.waitForMessage(/Which nights/, { after: start });
    await coordinator.click(ask, "Last 7 nights (2027-02-27 – 2027-03-05)");
    await coordinator.waitForMessage((m) => m.document !== undefined, { after: start });
    const { caption, rows } = csvOf(coordinator, "attendance_2027-02-27_2027-03-05.csv");
    expect(caption).toMatch(/^Attendance, 2027-02-27 – 2027-03-05: 20 rows\./);
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => r.name === "张三丰").map((r) => r.hours)).toEqual(["3.50", "4.25", "", "", "3.50"]);
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
    const { rows } = csvOf(coordinator, "logs_2027-03-01_2027-03-05.csv");
    expect(rows.map((r) => [r.night, r.on_patrol, r.text])).toEqual([["2027-03-01", "4", "4人巡逻，发现隐患1处"]]);
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

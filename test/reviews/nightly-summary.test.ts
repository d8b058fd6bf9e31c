import { afterAll, beforeAll, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { userWithRole } from "../support/world.js";
import { seedWeek, type SeededTeam } from "./seed-week.js";

let h: BotHarness;
let teams: SeededTeam[];
let fengqiao: FakeUser;
let xinfeng: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7" } });
  teams = await seedWeek(h.database.db, async (ids, plan) => {
    const leader = await userWithRole(h, `Leader ${plan.team}`, { role: "leader", teamId: ids.teamId });
    return (await h.database.db.query.people.findFirst({ where: (p, { eq }) => eq(p.telegramId, leader.id) }))!.id;
  });
  fengqiao = await userWithRole(h, "Supervisor Fengqiao", { role: "supervisor", townId: teams[0]!.townId });
  xinfeng = await userWithRole(h, "新丰镇 督导", { role: "supervisor", townId: teams[2]!.townId }, "zh");
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const summaries = (user: FakeUser) => user.messages().filter((m) => m.text?.startsWith("🌙"));

async function runAt(instant: string) {
  h.setNow(instant);
  await h.app.scheduler.run("nightly-summary");
  // Messages of the seeded nights still to come are not due yet.
  await outboxSettled(h.database.db, new Date(instant));
}

it("When 45 minutes have passed since a town's last patrol ended, then its supervisors get the night's summary once, across a restart", async () => {
  await runAt("2027-05-05T16:44:00Z"); // Thursday 00:44 in Shanghai: Wednesday's patrols ended 44 minutes ago
  expect(summaries(fengqiao)).toEqual([]);

  await runAt("2027-05-05T16:46:00Z");
  expect(summaries(fengqiao).map((m) => m.text)).toEqual([
    [
      "🌙 Night of Wed 5 May · Fengqiao",
      "Patrols at full strength: 0 of 2",
      "⚠️ Short: Alpha, 3 of 4 checked in",
      "⚠️ Short: Beta, 3 of 4 checked in",
      "🚫 No-shows: 2 (Alpha 1, Beta 1)",
      "Reports: tips 1 · hazards 0 · help given 0 · disputes 0 · suspicious 0 · emergencies 0",
      "📕 Logs not closed: 1 (Beta)",
    ].join("\n"),
  ]);
  expect(summaries(xinfeng).map((m) => m.text)).toEqual([
    ["🌙 5月5日周三夜间小结 · 新丰镇", "人数达标的班次：1/1", "✅ 各队人数均已达标。", "✅ 无人缺勤。", "上报：线索 0 · 隐患 0 · 帮助群众 0 · 矛盾纠纷 0 · 可疑人员车辆 0 · 紧急情况 0", "📓 值班记录均已提交。"].join("\n"),
  ]);

  await runAt("2027-05-05T16:55:00Z");
  await h.restart();
  await runAt("2027-05-05T17:30:00Z");
  expect(summaries(fengqiao)).toHaveLength(1);
  expect(summaries(xinfeng)).toHaveLength(1);
  h.setNow(null);
});

it("When the bot was down after a night, then the summary goes out when it is back within 12 hours, and a staler one never", async () => {
  await runAt("2027-05-07T02:00:00Z"); // Friday 10:00: Thursday's summary was due at 00:45
  const thursday = summaries(fengqiao).filter((m) => m.text?.includes("Thu 6 May"));
  expect(thursday).toHaveLength(1);
  expect(thursday[0]!.text).toContain("Patrols at full strength: 1 of 2\n⚠️ Short: Beta, 3 of 4 checked in\n🚫 No-shows: 1 (Beta 1)\nReports: tips 1 ·");

  await runAt("2027-05-08T12:00:00Z"); // Saturday 20:00: Friday's summary is 19 hours overdue
  expect(summaries(fengqiao).filter((m) => m.text?.includes("Fri 7 May"))).toEqual([]);
  expect(summaries(fengqiao)).toHaveLength(2);
  h.setNow(null);
});

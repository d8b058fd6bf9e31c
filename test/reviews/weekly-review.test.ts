import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { userWithRole } from "../support/world.js";
import { chartPixels, sheetOf } from "./review-files.js";
import { seedWeek, type SeededTeam } from "./seed-week.js";

let h: BotHarness;
let teams: SeededTeam[];
const leaders: FakeUser[] = [];
let coordinator: FakeUser;
let coordinatorZh: FakeUser;
let supervisor: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7" } });
  coordinator = await userWithRole(h, "Coordinator Chen", { role: "coordinator" });
  coordinatorZh = await userWithRole(h, "协调办 王", { role: "coordinator" }, "zh");
  teams = await seedWeek(h.database.db, async (ids, plan) => {
    const leader = await userWithRole(h, `Leader ${plan.team}`, { role: "leader", teamId: ids.teamId });
    leaders.push(leader);
    return (await h.database.db.query.people.findFirst({ where: (p, { eq }) => eq(p.telegramId, leader.id) }))!.id;
  });
  supervisor = await userWithRole(h, "Supervisor Fengqiao", { role: "supervisor", townId: teams[0]!.townId });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const WEEKLY_EN = `📊 Weekly review · District
Mon 3 May – Sun 9 May

Nights at full strength: 65% (13 of 20)
Checked in on time: 90% · no-shows: 7
Duty logs closed: 80% (16 of 20)
Reports: tips 3 · hazards 2 · help given 0 · disputes 1 · suspicious 0 · emergencies 0
Tips: 3 reported, 1 verified useful
From the logs: 4 hazards found, 3 people helped
Spot checks: 0 visits, 0 found the team out, mean rating –
Volunteer-nights: 73 (Party members 14 · League members 0 · newcomers 14 · students 7 · units 18 · not recorded 20)

By town: full strength · on time · no-shows · logs
• Fengqiao: 46% · 85% · 7 · 69%
• 新丰镇: 100% · 100% · 0 · 100%

🏆 Best teams
1. 巡防一队 (新丰镇) · 87.5
2. Alpha (Fengqiao) · 87.4
3. Beta (Fengqiao) · 27.5

⚠️ Needs attention (below 80% at full strength or with logs)
• Beta (Fengqiao): full strength 0/6 · logs 2/6 · no-shows 6

The chart and the full table (CSV) follow.`;

const reviewsIn = (user: FakeUser) => user.messages().filter((m) => /Weekly review|每周汇总/.test(m.text ?? "") || m.photo || m.document);

describe("the weekly review job", () => {
  it("When Monday 08:00 comes, then each coordinator gets the week as a message, a chart and a CSV, each leader their team's place, and nothing twice after a restart", async () => {
    h.setNow("2027-05-09T23:50:00Z"); // Monday 07:50 in Shanghai: not yet
    await h.app.scheduler.run("weekly-review");
    await outboxSettled(h.database.db);
    expect(reviewsIn(coordinator)).toEqual([]);

    h.setNow("2027-05-10T00:01:00Z");
    await h.app.scheduler.run("weekly-review");
    const text = await coordinator.waitForMessage(/Weekly review/);
    expect(text.text).toBe(WEEKLY_EN);

    const chart = await coordinator.waitForMessage((m) => m.photo !== undefined, { after: text });
    const pixels = chartPixels(h.fake, chart);
    expect([pixels.width, pixels.height]).toEqual([1600, 900]);
    expect(pixels.inkedShare, "the chart is more than a blank page").toBeGreaterThan(0.05);
    expect(pixels.blue, "bars of the first series are drawn").toBeGreaterThan(5_000);

    const table = await sheetOf(h.fake, await coordinator.waitForMessage((m) => m.document !== undefined, { after: chart }));
    expect(table.fileName).toBe("review-2027-05-03.xlsx");
    expect(table.records.map((r) => [r.Rank, r.Team, r.Town, r.Score])).toEqual([
      ["1", "巡防一队", "新丰镇", "87.5"],
      ["2", "Alpha", "Fengqiao", "87.4"],
      ["3", "Beta", "Fengqiao", "27.5"],
    ]);
    const beta = table.records[2]!;
    expect([beta["Patrol nights"], beta["Nights at full strength"], beta["No-shows"], beta["Logs closed"], beta["Reports: tips"], beta["Volunteer-nights: Units"], beta["Criterion: logs closed (0-100)"]]).toEqual(["6", "0", "6", "2", "2", "18", "33.3"]);

    const zh = await coordinatorZh.waitForMessage(/每周汇总/);
    expect(zh.text).toContain("人数达标的夜晚：65%（13/20）");
    expect(zh.text).toContain("1. 巡防一队（新丰镇）· 87.5 分");
    const zhTable = await sheetOf(h.fake, await coordinatorZh.waitForMessage((m) => m.document !== undefined));
    expect(Object.keys(zhTable.records[0]!).slice(0, 5)).toEqual(["名次", "得分", "镇街", "村社区", "队伍"]);

    const [alphaLeader, betaLeader, xunLeader] = leaders;
    expect((await alphaLeader!.waitForMessage(/🏅/)).text).toBe("🏅 Alpha, week Mon 3 May – Sun 9 May: rank 2 of 3, score 87.4 of 100.");
    expect((await betaLeader!.waitForMessage(/🏅/)).text).toBe("🏅 Beta, week Mon 3 May – Sun 9 May: rank 3 of 3, score 27.5 of 100.");
    expect((await xunLeader!.waitForMessage(/🏅/)).text).toBe("🏅 巡防一队, week Mon 3 May – Sun 9 May: rank 1 of 3, score 87.5 of 100.");
    await outboxSettled(h.database.db);
    expect(reviewsIn(coordinator)).toHaveLength(3);
    expect(reviewsIn(supervisor), "supervisors get nightly summaries, not the weekly review").toEqual([]);

    // A restart runs the job at once; a coordinator appointed since is not sent last week's review late.
    const later = await userWithRole(h, "Coordinator Later", { role: "coordinator" });
    h.setNow("2027-05-10T02:00:00Z");
    await h.restart();
    await h.app.scheduler.run("weekly-review");
    await outboxSettled(h.database.db);
    expect(reviewsIn(coordinator)).toHaveLength(3);
    expect(reviewsIn(later)).toEqual([]);
    expect(alphaLeader!.messages().filter((m) => m.text?.startsWith("🏅"))).toHaveLength(1);
    h.setNow(null);
  });

  it("When the bot was down at Monday 08:00, then the review goes out when it is back, within three days, once", async () => {
    // The restart above planned Monday 10 May; nobody came, nothing else was planned that week.
    h.setNow("2027-05-17T06:00:00Z"); // Monday 14:00 in Shanghai, six hours late
    const before = coordinator.cursor();
    await h.app.scheduler.run("weekly-review");
    const text = await coordinator.waitForMessage(/Weekly review/, { after: before });
    expect(text.text).toContain("Mon 10 May – Sun 16 May");
    expect(text.text).toContain("Nights at full strength: 0% (0 of 3)");
    await h.app.scheduler.run("weekly-review");
    await outboxSettled(h.database.db);
    expect(coordinator.messages().filter((m) => m.text?.includes("Mon 10 May – Sun 16 May"))).toHaveLength(1);

    h.setNow("2027-05-27T06:00:00Z"); // Thursday after the next Monday: more than three days late
    await h.app.scheduler.run("weekly-review");
    await outboxSettled(h.database.db);
    expect(coordinator.messages().filter((m) => m.text?.includes("Mon 17 May"))).toEqual([]);
    h.setNow(null);
  });
});

import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, userWithRole } from "../support/world.js";
import { chartPixels, sheetOf } from "./review-files.js";
import { seedWeek, type SeededTeam } from "./seed-week.js";

let h: BotHarness;
let teams: SeededTeam[];
const leaders: FakeUser[] = [];
let coordinator: FakeUser;
let supervisor: FakeUser;
let volunteer: FakeUser;

beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7" } });
  coordinator = await userWithRole(h, "Coordinator Chen", { role: "coordinator" });
  teams = await seedWeek(h.database.db, async (ids, plan) => {
    const leader = await userWithRole(h, `Leader ${plan.team}`, { role: "leader", teamId: ids.teamId });
    leaders.push(leader);
    return (await h.database.db.query.people.findFirst({ where: (p, { eq }) => eq(p.telegramId, leader.id) }))!.id;
  });
  supervisor = await userWithRole(h, "Supervisor Fengqiao", { role: "supervisor", townId: teams[0]!.townId });
  volunteer = (await activeMember(h, teams[0]!.teamId, "Volunteer Zhou")).user;
  // Friday 14 May: the last complete week is 3-9 May, and Monday's weekly review is too old to be sent now.
  h.setNow("2027-05-14T04:00:00Z");
  // The seeded nights' notices go out first, and the seeded reports' escalations walk to their end
  // (up to the supervisors and coordinators), so none of it arrives among the replies.
  for (let queued = -1; ; ) {
    await h.app.scheduler.run("escalations");
    const [row] = await h.database.db.select({ n: count() }).from(outbox);
    if (row!.n === queued) break;
    queued = row!.n;
  }
  // Due by the pinned instant: a send retried after a network hiccup is due seconds after it, and
  // the pinned clock never gets there.
  await outboxSettled(h.database.db, new Date("2027-05-14T04:00:00Z"));
}, 120_000);
afterAll(async () => {
  await h?.close();
});

/** The bot's replies to one command: in webhook mode the update is answered once the handler is done. */
async function ask(user: FakeUser, command: string) {
  const { message } = await user.send(command);
  return user.messages().filter((m) => m.message_id > message.message_id);
}

describe("/review", () => {
  it("When a coordinator asks for the review of a week, then the message, the chart and the CSV come as replies", async () => {
    const [text, chart, csv] = await ask(coordinator, "/review 2027-05-06");
    expect(text!.text).toMatch(/^📊 Weekly review · District\nMon 3 May – Sun 9 May\n\nNights at full strength: 65% \(13 of 20\)/);
    expect(text!.text).toContain("1. 巡防一队 (新丰镇) · 87.5");
    const pixels = chartPixels(h.fake, chart!);
    expect(pixels.inkedShare).toBeGreaterThan(0.05);
    const table = await sheetOf(h.fake, csv!);
    expect(table.fileName).toBe("review-2027-05-03.xlsx");
    expect(table.records).toHaveLength(3);
  });

  it("When a supervisor asks without a date, then they get last week for their town, team by team", async () => {
    const [text, , csv] = await ask(supervisor, "/review");
    expect(text!.text).toContain("📊 Weekly review · Fengqiao\nMon 3 May – Sun 9 May");
    expect(text!.text).toContain("Nights at full strength: 46% (6 of 13)");
    expect(text!.text).toContain("By team: full strength · on time · no-shows · logs\n• Alpha: 86% · 93% · 1 · 100%\n• Beta: 0% · 75% · 6 · 33%");
    expect(text!.text).not.toContain("新丰镇");
    // District ranks: the town's best team is second in the district.
    expect(text!.text).toContain("🏆 Best teams\n2. Alpha (Fengqiao) · 87.4\n3. Beta (Fengqiao) · 27.5");
    expect((await sheetOf(h.fake, csv!)).records.map((r) => r.Team)).toEqual(["Alpha", "Beta"]);
  });

  it("When a leader or a volunteer asks for the district review, then they are refused and get no figures", async () => {
    for (const user of [leaders[0]!, volunteer]) {
      const replies = await ask(user, "/review");
      expect(replies.map((m) => m.text)).toEqual(["The weekly review is for coordinators (the district) and town supervisors (their towns)."]);
      expect(replies.some((m) => m.photo || m.document)).toBe(false);
    }
  });

  it("When the date is not a date or still to come, then the coordinator is told how to write it", async () => {
    expect((await ask(coordinator, "/review 2027-02-30"))[0]!.text).toBe('"2027-02-30" is not a date. Write it like 2027-05-04 (any day of the week you want).');
    expect((await ask(coordinator, "/review next week"))[0]!.text).toMatch(/^"next week" is not a date/);
    expect((await ask(coordinator, "/review 2027-05-20"))[0]!.text).toBe("2027-05-20 has not come yet. Give a day of this week or of an earlier one.");
  });
});

describe("/ranking", () => {
  it("When a coordinator asks, then they see every team's rank and score, and the CSV", async () => {
    const [text, csv] = await ask(coordinator, "/ranking");
    expect(text!.text).toBe(
      [
        "🏅 Team evaluation, Mon 3 May – Sun 9 May: 3 teams ranked",
        "Weights: full strength 30 · on time 15 · turned up 15 · logs closed 15 · useful tips 10 · hazards found 10 · people helped 5",
        "",
        "1. 巡防一队 (新丰镇) · 87.5",
        "2. Alpha (Fengqiao) · 87.4",
        "3. Beta (Fengqiao) · 27.5",
        "",
        "Every team is in the table (CSV).",
      ].join("\n"),
    );
    expect((await sheetOf(h.fake, csv!)).records.map((r) => [r.Rank, r.Score])).toEqual([["1", "87.5"], ["2", "87.4"], ["3", "27.5"]]);
  });

  it("When a team's leader asks, then they see only their own team's place", async () => {
    const replies = await ask(leaders[1]!, "/ranking 2027-05-09");
    expect(replies.map((m) => m.text)).toEqual(["🏅 Beta, week Mon 3 May – Sun 9 May: rank 3 of 3, score 27.5 of 100."]);
  });

  it("When a volunteer or a supervisor asks, then they are refused", async () => {
    for (const user of [volunteer, supervisor]) {
      expect((await ask(user, "/ranking")).map((m) => m.text)).toEqual(["The ranking is for coordinators; a team's leaders see their own team's place."]);
    }
  });
});

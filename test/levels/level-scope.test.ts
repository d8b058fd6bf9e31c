import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, duties, responseLevels, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

async function teamOf(name: string, town: string, size: number) {
  const team = await teamWithLeader(h, name, town);
  const members: FakeUser[] = [];
  for (let i = 0; i < size; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  return { ...team, members };
}

const requiredOf = async (teamId: number) =>
  (await h.database.db.select({ required: shifts.required }).from(shifts).where(eq(shifts.teamId, teamId)).orderBy(shifts.night)).map((s) => s.required);

describe("/level for the whole district, with times typed", () => {
  it("When a coordinator sets the district to heightened from tomorrow 08:00 until a date, then tonight keeps 4, tomorrow needs 8, and every town hears it", async () => {
    h.setNow("2027-07-01T02:00:00Z"); // 10:00 in Shanghai
    const east = await teamOf("East", "Dongshan", 4);
    const west = await teamOf("West", "Xishan", 4);
    const coordinator = await userWithRole(h, "Coord District", { role: "coordinator" });
    await h.app.scheduler.run("plan-shifts");

    await coordinator.send("/level");
    await coordinator.click("Heightened");
    await coordinator.click("Whole district");
    await coordinator.waitForMessage(/From when\?/);
    await coordinator.send("tomorrow at noon");
    await coordinator.waitForMessage(/could not read that time/);
    await coordinator.send("明天 08:00");
    await coordinator.waitForMessage(/Until when\?/);
    await coordinator.send("2027-06-30 08:00");
    await coordinator.waitForMessage(/The end must come after the start/);
    await coordinator.send("07-05 08:00");
    await coordinator.waitForMessage(/A message for everyone/);
    await coordinator.click("Skip");
    const confirm = await coordinator.waitForMessage(/This notice goes to everyone in scope/);
    expect(confirm.text).toMatch(/From 2 Jul 2027, 08:00, the district is at heightened response, level 2 \(8 people a team each night\), until 5 Jul 2027, 08:00\./);
    await coordinator.click(/Publish/);
    await coordinator.waitForMessage(/Done: Heightened \(level 2\) for the district\. 2 shifts restaffed/);

    expect(await requiredOf(east.teamId)).toEqual([4, 8]);
    expect(await requiredOf(west.teamId)).toEqual([4, 8]);
    for (const u of [...east.members, ...west.members, east.leader, west.leader, coordinator]) {
      await u.waitForMessage(/🛡 Response level notice\nFrom 2 Jul 2027, 08:00, the district is at heightened response, level 2 \(8 people a team each night\), until 5 Jul 2027, 08:00\./);
    }
    const [row] = await h.database.db.select().from(responseLevels).where(isNull(responseLevels.townId));
    expect(row!.startsAt.toISOString()).toBe("2027-07-02T00:00:00.000Z");
    expect(row!.endsAt!.toISOString()).toBe("2027-07-05T00:00:00.000Z");
    h.setNow(null);
  });
});

describe("who may change the level", () => {
  it("When a volunteer or a supervisor sends /level or forges its buttons, then they are refused and no level is written", async () => {
    const team = await teamOf("Guard", "Nanhu", 1);
    const [volunteer] = team.members;
    const supervisor = await userWithRole(h, "Super Level", { role: "supervisor", townId: team.townId });
    const before = (await h.database.db.select().from(responseLevels)).length;
    for (const u of [volunteer!, supervisor, team.leader]) {
      await u.send("/level");
      await u.waitForMessage(/Only district coordinators can do that/);
    }
    const anyMessage = volunteer!.messages().at(-1)!;
    for (const data of ["lv:l:level1", "lv:s:0", "lv:w:none", "lv:ok"]) {
      const pressed = await volunteer!.clickData(anyMessage, data);
      const answer = await volunteer!.waitForCallbackAnswer(pressed.callbackQuery.id);
      expect(answer.text).toMatch(/This button no longer works/);
    }
    expect(await h.database.db.select().from(responseLevels)).toHaveLength(before);
  });
});

describe("the race for the last place", () => {
  it("When the level rises and the shift is one short, then of two standby volunteers pressing at once exactly one gets the place", async () => {
    h.setNow("2027-08-01T00:30:00Z");
    const team = await teamOf("Race", "Beishan", 6);
    const coordinator = await userWithRole(h, "Coord Race", { role: "coordinator" });
    await h.app.scheduler.run("plan-shifts");
    // The patrol duty is created by the first planning; its level-1 headcount is set to 5 here.
    await h.database.db.update(duties).set({ headcountLevel1: 5 }).where(eq(duties.teamId, team.teamId));

    await coordinator.send("/level");
    await coordinator.click("Level 1 response");
    await coordinator.click("Beishan");
    await coordinator.click("Now");
    await coordinator.click("Until changed");
    await coordinator.click("Skip");
    await coordinator.click(/Publish/);
    await coordinator.waitForMessage(/Done: Level 1 response for Beishan/);
    await h.app.scheduler.run("substitute-waves");
    await outboxSettled(h.database.db);

    const [tonight] = await h.database.db.select().from(shifts).where(and(eq(shifts.teamId, team.teamId), eq(shifts.night, "2027-08-01")));
    expect(tonight!.required).toBe(5);
    const offered: Array<{ u: FakeUser; offer: NonNullable<ReturnType<FakeUser["messages"]>[number]> }> = [];
    for (const u of team.members) {
      const offer = u.messages().find((m) => /The response level rose/.test(m.text ?? "") && /1 Aug/.test(m.text ?? ""));
      if (offer) offered.push({ u, offer });
    }
    expect(offered).toHaveLength(2);
    const presses = await Promise.all(offered.map(({ u, offer }) => u.click(offer, /take it/)));
    const answers = await Promise.all(presses.map((p, i) => offered[i]!.u.waitForCallbackAnswer(p.callbackQuery.id)));
    const lost = answers.filter((a) => /Someone else was faster/.test(String(a.text ?? "")));
    expect(lost).toHaveLength(1);
    const winner = offered[answers.findIndex((a) => a.text === undefined)]!.u;
    await winner.waitForMessage(/The place is yours/);
    const on = await h.database.db.select().from(assignments).where(and(eq(assignments.shiftId, tonight!.id), isNull(assignments.endedAt)));
    expect(on).toHaveLength(5);
    h.setNow(null);
  });
});

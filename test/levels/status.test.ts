import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("/status and /specialdays through the bot", () => {
  it("When a coordinator puts tonight on the calendar, then a volunteer's /status shows level 1 for their town, and a volunteer cannot edit the calendar", async () => {
    h.setNow("2027-10-01T10:00:00Z"); // 18:00 in Shanghai
    const team = await teamWithLeader(h, "Status", "Xinfeng");
    const { user: zhao } = await activeMember(h, team.teamId, "Zhao Min");
    const coordinator = await userWithRole(h, "Coord Status", { role: "coordinator" });

    await zhao.send("/status");
    await zhao.waitForMessage(/Response level for Xinfeng: Normal\./);

    await zhao.send("/specialdays add 2027-10-01 holiday National Day");
    await zhao.waitForMessage(/Only district coordinators can do that/);

    await coordinator.send("/specialdays add 2027-10-01 holiday National Day");
    await coordinator.waitForMessage(/Public holiday · National Day · Level 1 response/);
    await coordinator.send("/specialdays add 2027-10-01");
    await coordinator.waitForMessage(/coordinators add a night with/);

    const before = zhao.cursor();
    await zhao.send("/status");
    await zhao.waitForMessage(/Response level for Xinfeng: Level 1 response\./, { after: before });
    await zhao.send("/specialdays");
    const calendar = await zhao.waitForMessage(/Social patrol days and holidays/, { after: before });
    expect(calendar.text).toContain("National Day");
    h.setNow(null);
  });
});

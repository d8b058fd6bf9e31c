import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestKit } from "../../src/kit/request-kit.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { asPerson, contextFor } from "../support/domain.js";
import { teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("the coordinators' /kit with many open requests", () => {
  it("When 33 requests are open, then /kit says 33, lists the oldest and says how many more there are", async () => {
    const team = await teamWithLeader(h, "Worn", "Worn Town");
    const { personId } = await identifyTelegramUser(h.database.db, { id: team.leader.id }, new Date());
    const coordinator = await userWithRole(h, "Coord Worn", { role: "coordinator" });
    for (let i = 1; i <= 33; i++) {
      await requestKit(contextFor(h.database.db, asPerson(personId), new Date(Date.UTC(2026, 4, 1, 12, i))), { teamId: team.teamId, item: "armband", kind: "worn", quantity: 1, note: `armband ${i}`, clientKey: `worn:${i}` });
    }

    const before = coordinator.cursor();
    await coordinator.send("/kit");
    const overview = await coordinator.waitForMessage(/Open requests/, { after: before });
    expect(overview.text).toContain("Open requests (33):");
    expect(overview.text).toContain("armband 1");
    expect(overview.text).toContain("…and 3 more requests.");
  });
});

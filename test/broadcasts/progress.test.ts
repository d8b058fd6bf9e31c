import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { broadcasts, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { broadcast, broadcastRow, composeBroadcast, deliveryReport, figuresOf, pressSend } from "./support.js";

let h: BotHarness;
let coordinator: FakeUser;
let team: Awaited<ReturnType<typeof teamWithLeader>>;
beforeAll(async () => {
  h = await startBotHarness();
  h.setNow("2027-10-03T04:00:00Z");
  coordinator = await userWithRole(h, "Coord Progress", { role: "coordinator" });
  team = await teamWithLeader(h, "Xujing", "Xujing Town");
  for (const name of ["Ai", "Bo", "Cai"]) await activeMember(h, team.teamId, `${name} Xujing`);
});
afterAll(async () => {
  await h?.close();
});

/** The progress message and its edits, as queued. */
const progressRows = async (broadcastId: number) => (await h.database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.groupKey, `bcp:${broadcastId}`))).length;

describe("the sender's progress message", () => {
  it("When the broadcast is still going out, then the progress message shows how far it got, and the report replaces it once all are sent", async () => {
    const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Xujing", text: "Xujing: halfway check" });
    await h.app.dispatcher.stop();
    const { id } = await pressSend(coordinator, confirm);
    await h.app.scheduler.run("broadcast-progress");
    const held = await broadcastRow(h.database.db, id);
    expect(held.finishedAt, "nothing sent yet").toBeNull();
    expect(JSON.parse(held.progressShown!)).toEqual({ total: 4, sent: 0, failed: 0, unreachable: 0, pending: 4, acknowledged: 0, done: false });

    h.app.dispatcher.start();
    const report = await deliveryReport(h, coordinator, id);
    expect(figuresOf(report)).toEqual({ sent: 4, failed: 0, unreachable: 0, total: 4, received: 0 });
    const entry = coordinator.log().find((e) => e.message.message_id === report.message_id)!;
    expect(entry.history[0]?.text, "first shown as under way").toMatch(/^📢 Broadcast #\d+: sending…\n░{12} 0%\nSent 0 · failed 0 · unreachable 0 of 4\n/);
    expect((await broadcastRow(h.database.db, id)).finishedAt).toEqual(new Date("2027-10-03T04:00:00Z"));

    // Nothing changed: the job runs again and queues no edit.
    const edits = await progressRows(id);
    await h.app.scheduler.run("broadcast-progress");
    await h.app.scheduler.run("broadcast-progress");
    expect(await progressRows(id)).toBe(edits);
  });

  it("When many broadcasts finished in the last day, then a new one still gets its progress and its report", async () => {
    // Sixty finished broadcasts of the day, as a busy district sends them (their progress messages are long gone).
    const finishedAt = new Date("2027-10-03T01:00:00Z");
    await h.database.db.insert(broadcasts).values(
      Array.from({ length: 60 }, (_, i) => ({
        audience: "everyone" as const,
        text: `earlier ${i}`,
        content: { key: "broadcast-message", args: { from: "-", text: `earlier ${i}` } },
        recipientCount: 0,
        progressOutboxId: 900_000 + i,
        createdAt: finishedAt,
        finishedAt,
      })),
    );
    for (let i = 0; i < 3; i++) await h.app.scheduler.run("broadcast-progress");
    const id = await broadcast(coordinator, { audience: "team", team: "Xujing", text: "Xujing: after a busy day" });
    const report = await deliveryReport(h, coordinator, id);
    expect(figuresOf(report)).toMatchObject({ sent: 4, total: 4 });
    expect((await broadcastRow(h.database.db, id)).finishedAt).not.toBeNull();
  });
});

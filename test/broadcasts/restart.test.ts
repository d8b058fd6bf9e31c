import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { claimDueMessages } from "../../src/outbox/claim.js";
import { broadcastRecipients, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { composeBroadcast, outboxIdle, copiesOf, deliveryReport, figuresOf, pressSend, progressOf, recipientRows, recipientsSettled } from "./support.js";

// Real time here: rate-limited sends come back after retry_after on the app's clock.
let h: BotHarness;
let coordinator: FakeUser;
let everyone: FakeUser[];
beforeAll(async () => {
  h = await startBotHarness();
  coordinator = await userWithRole(h, "Coord Restart", { role: "coordinator" });
  const team = await teamWithLeader(h, "Zhujing", "Zhujing Town");
  const members: FakeUser[] = [];
  for (let i = 1; i <= 14; i++) members.push((await activeMember(h, team.teamId, `Zhujing Member ${i}`)).user);
  everyone = [team.leader, ...members];
});
afterEach(() => {
  h.fake.setRateLimit(null);
});
afterAll(async () => {
  await h?.close();
});

/** Composes a broadcast to the team and presses Send while the outbox is held, so nothing goes out yet. */
async function heldBroadcast(text: string): Promise<number> {
  await outboxIdle(h.database.db);
  const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Zhujing", text });
  await h.app.dispatcher.stop();
  return (await pressSend(coordinator, confirm)).id;
}

async function waitUntil(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("a broadcast across a restart", () => {
  it("When the bot restarts halfway through a slow broadcast, then afterwards every recipient is accounted for and got it once", async () => {
    const text = "Zhujing: water main burst on Main Street, patrol the detour";
    const id = await heldBroadcast(text);
    h.fake.setRateLimit({ perSecond: 3 });
    h.app.dispatcher.start();
    await waitUntil("a few recipients have it", () => everyone.filter((u) => copiesOf(u, text).length > 0).length >= 4);

    const inFlight = (await sendingRows(id)).length;
    const before = everyone.filter((u) => copiesOf(u, text).length > 0).length;
    await h.restart();
    const delivered = everyone.filter((u) => copiesOf(u, text).length > 0).length;
    expect(delivered, "the restart came before the end").toBeLessThan(everyone.length);
    expect(delivered).toBeGreaterThanOrEqual(before);
    h.fake.setRateLimit(null);

    await recipientsSettled(h.database.db, id, 15_000);
    const progress = await coordinator.waitForMessage(progressOf(id));
    const rows = await recipientRows(h.database.db, id);
    expect(rows).toHaveLength(everyone.length);
    expect(rows.map((r) => r.status)).toEqual(everyone.map(() => "sent"));
    const copies = everyone.map((u) => copiesOf(u, text).length);
    expect(copies.every((n) => n >= 1), `copies per recipient: ${copies.join(",")}`).toBe(true);
    const duplicates = copies.reduce((sum, n) => sum + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    // Stopping lets the sends under way finish and be written down, so this restart repeats nobody.
    expect(duplicates).toBe(0);

    const report = await deliveryReport(h, coordinator, id);
    expect(report.message_id).toBe(progress.message_id);
    expect(figuresOf(report)).toEqual({ sent: everyone.length, failed: 0, unreachable: 0, total: everyone.length, received: 0 });
  }, 30_000);

  it("When an instance claimed some of the messages and died without sending them, then they go out once its lease ends, and nobody is left out", async () => {
    const text = "Zhujing: the detour is closed again";
    const id = await heldBroadcast(text);
    // Another instance takes three rows for 1.5 s and is never heard from again.
    const abandoned = await claimDueMessages(h.database.db, new Date(), 3, 1500);
    expect(abandoned).toHaveLength(3);
    h.app.dispatcher.start();
    await recipientsSettled(h.database.db, id, 15_000);

    const rows = await recipientRows(h.database.db, id);
    expect(rows.map((r) => r.status)).toEqual(everyone.map(() => "sent"));
    for (const user of everyone) expect(copiesOf(user, text), `copies to ${user.user.first_name}`).toHaveLength(1);
    const toRecipients = abandoned.filter((m) => m.chatId !== coordinator.id);
    expect(toRecipients.length).toBeGreaterThan(0);
    const retaken = await h.database.db.select({ attempts: outbox.attempts }).from(outbox).where(inArray(outbox.id, toRecipients.map((m) => m.id)));
    expect(retaken.map((r) => r.attempts), "taken over after the lease").toEqual(toRecipients.map(() => 2));
    expect(figuresOf(await deliveryReport(h, coordinator, id))).toMatchObject({ sent: everyone.length, total: everyone.length });
  }, 30_000);
});

/** The broadcast's messages a dispatcher has claimed but not yet recorded. */
function sendingRows(broadcastId: number) {
  return h.database.db
    .select({ id: outbox.id })
    .from(broadcastRecipients)
    .innerJoin(outbox, eq(outbox.id, broadcastRecipients.outboxId))
    .where(and(eq(broadcastRecipients.broadcastId, broadcastId), eq(outbox.status, "sending")));
}

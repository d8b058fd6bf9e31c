import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { composeBroadcast, outboxIdle, copiesOf, deliveryReport, figuresOf, pressSend, recipientRows, recipientsSettled } from "./support.js";

// Real time here: a 429 puts the message back until retry_after has passed on the app's clock.
let h: BotHarness;
let coordinator: FakeUser;
let team: Awaited<ReturnType<typeof teamWithLeader>>;
let everyone: FakeUser[];
beforeAll(async () => {
  h = await startBotHarness();
  coordinator = await userWithRole(h, "Coord Storm", { role: "coordinator" });
  team = await teamWithLeader(h, "Storm", "Storm Town");
  const members: FakeUser[] = [];
  for (let i = 1; i <= 12; i++) members.push((await activeMember(h, team.teamId, `Storm Member ${i}`)).user);
  everyone = [team.leader, ...members];
});
afterEach(() => {
  h.fake.setRateLimit(null);
});
afterAll(async () => {
  await h?.close();
});

/** Composes a broadcast to the team and sends it with the outbox held, so `storm` is armed before the first send. */
async function sendInStorm(text: string, storm: () => void): Promise<number> {
  await outboxIdle(h.database.db); // the members' welcome messages are not part of the storm
  const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Storm", text });
  await h.app.dispatcher.stop();
  const { id } = await pressSend(coordinator, confirm);
  storm();
  h.app.dispatcher.start();
  return id;
}

/** Successful sends of the broadcast's text, per chat, as the fake recorded them. */
function acceptedSends(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const call of h.fake.calls) {
    const body = String(call.params["text"] ?? "");
    if (call.method !== "sendMessage" || !call.response.ok || !body.startsWith("📢 ") || !body.endsWith(text)) continue;
    const chat = Number(call.params["chat_id"]);
    counts.set(chat, (counts.get(chat) ?? 0) + 1);
  }
  return counts;
}

describe("a broadcast under Telegram's flood limits", () => {
  it("When Telegram allows only 4 messages a second and answers the rest with 429, then every recipient still gets exactly one copy", async () => {
    const text = "Storm: shelters at the school and the clinic";
    const before = h.fake.stats();
    const id = await sendInStorm(text, () => h.fake.setRateLimit({ perSecond: 4 }));
    await recipientsSettled(h.database.db, id, 20_000);
    h.fake.setRateLimit(null);

    const stats = h.fake.stats();
    expect(stats.rateLimited - before.rateLimited, "the fake did refuse sends").toBeGreaterThan(0);
    // Paused by each retry_after rather than hammering on: a few refusals a second at most.
    expect(stats.rateLimited - before.rateLimited).toBeLessThan(everyone.length * 2);
    for (const user of everyone) expect(copiesOf(user, text), `copies to ${user.user.first_name}`).toHaveLength(1);
    const sends = acceptedSends(text);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(sends.size).toBe(everyone.length);
    expect((await recipientRows(h.database.db, id)).map((r) => r.status)).toEqual(everyone.map(() => "sent"));
    expect(figuresOf(await deliveryReport(h, coordinator, id))).toEqual({ sent: everyone.length, failed: 0, unreachable: 0, total: everyone.length, received: 0 });
  }, 30_000);

  it("When Telegram answers a run of sends with 429 and retry_after 1, then the outbox waits it out, loses nobody and repeats nobody", async () => {
    const text = "Storm: patrols resume tomorrow night";
    const since = h.fake.calls.length;
    const id = await sendInStorm(text, () => h.fake.failNext("sendMessage", { error_code: 429, retry_after: 1 }, 3));
    await recipientsSettled(h.database.db, id, 15_000);

    const refused = h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && !c.response.ok);
    expect(refused).toHaveLength(3);
    // After a refusal the outbox pauses for retry_after: sends already under way may still land
    // (late, on a busy machine), but the accepted sends after it show a pause of most of a second.
    const firstRefusal = refused[0]!.at;
    const after = h.fake.calls.slice(since).filter((c) => c.method === "sendMessage" && c.response.ok && c.at >= firstRefusal).map((c) => c.at);
    const gaps = after.map((at, i) => at - (i === 0 ? firstRefusal : after[i - 1]!));
    expect(Math.max(...gaps)).toBeGreaterThanOrEqual(700);
    for (const user of everyone) expect(copiesOf(user, text), `copies to ${user.user.first_name}`).toHaveLength(1);
    const sends = acceptedSends(text);
    expect(sends.size).toBe(everyone.length);
    expect([...sends.values()].every((n) => n === 1)).toBe(true);
    expect(figuresOf(await deliveryReport(h, coordinator, id))).toMatchObject({ sent: everyone.length, failed: 0, unreachable: 0 });
  }, 30_000);
});

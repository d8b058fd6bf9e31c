import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { chatDrained, composeBroadcast, confirmedCounts, copiesOf, deliveryReport, figuresOf, pressSend, recipientRows, unreachableSince } from "./support.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
  h.setNow("2027-07-01T03:00:00Z");
});
afterAll(async () => {
  await h?.close();
});

/** Send attempts (successful or not) the bot made to a chat since the `since`th API call. */
const sendsTo = (chatId: number, since: number) => h.fake.calls.slice(since).filter((c) => c.method.startsWith("send") && Number(c.params["chat_id"]) === chatId).length;

describe("a broadcast to people who blocked the bot", () => {
  it("When two volunteers have blocked the bot, one is known to have, and one send fails, then the report counts each once, and it is the progress message edited in place", async () => {
    const coordinator = await userWithRole(h, "Coord Reach", { role: "coordinator" });
    const team = await teamWithLeader(h, "Caohe", "Caohe Town");
    const members: FakeUser[] = [];
    for (const name of ["Ai", "Bo", "Cai", "Dong", "Er", "Fang"]) members.push((await activeMember(h, team.teamId, `${name} Caohe`)).user);
    const [ai, bo, cai, ...reachable] = members as [FakeUser, FakeUser, FakeUser, ...FakeUser[]];
    for (const user of members) await chatDrained(h.database.db, user); // their welcome went out before they blocked us
    h.fake.blockUser(ai.id);
    h.fake.blockUser(bo.id);
    // Telegram told us earlier that Cai blocked the bot.
    await h.database.db.update(people).set({ unreachableAt: new Date("2027-06-20T00:00:00Z") }).where(eq(people.telegramId, cai.id));

    const text = "Caohe: the new armbands are at the community office";
    const since = h.fake.calls.length;
    const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Caohe", text, photo: true });
    expect(confirmedCounts(confirm)).toEqual({ recipients: 7, unreachable: 1 });

    // Held back until the failure is armed: the confirmation itself was a photo too.
    await h.app.dispatcher.stop();
    const { id } = await pressSend(coordinator, confirm);
    h.fake.failNext("sendPhoto", { error_code: 400, description: "Bad Request: wrong file identifier/HTTP URL specified" }, 1);
    h.app.dispatcher.start();

    const report = await deliveryReport(h, coordinator, id);
    expect(report.text).toMatch(/delivery report\n▓{12} 100%\n/);
    expect(figuresOf(report)).toEqual({ sent: 3, failed: 1, unreachable: 3, total: 7, received: 0 });
    const entry = coordinator.log().find((e) => e.message.message_id === report.message_id)!;
    expect(entry.editCount).toBeGreaterThanOrEqual(1);
    expect(entry.history[0]?.text, "the same message, first sent as under way").toMatch(/^📢 Broadcast #\d+: sending…\n░{12} 0%\n/);

    expect(copiesOf(ai, text)).toEqual([]);
    expect(copiesOf(bo, text)).toEqual([]);
    expect(copiesOf(cai, text)).toEqual([]);
    expect(sendsTo(cai.id, since), "nothing is tried for someone known unreachable").toBe(0);
    for (const user of [ai, bo]) expect(await unreachableSince(h.database.db, user.id), `${user.user.first_name} is now unreachable`).not.toBeNull();

    const rows = await recipientRows(h.database.db, id);
    const statusOf = (user: FakeUser) => {
      const row = rows.find((r) => r.telegramId === user.id);
      return row ? row.status : "no recipient row";
    };
    expect([ai, bo].map(statusOf)).toEqual(["unreachable", "unreachable"]);
    expect(statusOf(cai)).toBeNull(); // a recipient row with no message
    const got = [team.leader, ...reachable].filter((u) => copiesOf(u, text).length === 1);
    expect(got).toHaveLength(3);
    const failed = [team.leader, ...reachable].filter((u) => !got.includes(u));
    expect(failed.map(statusOf)).toEqual(["failed"]);
    expect(await unreachableSince(h.database.db, failed[0]!.id), "a failed send does not make anyone unreachable").toBeNull();
  });

  it("When people the bot found blocked are in the next broadcast, then they are counted unreachable without another try", async () => {
    const coordinator = await userWithRole(h, "Coord Again", { role: "coordinator" });
    const team = await teamWithLeader(h, "Dongli", "Dongli Town");
    const first = (await activeMember(h, team.teamId, "First Dongli")).user;
    const second = (await activeMember(h, team.teamId, "Second Dongli")).user;
    await chatDrained(h.database.db, second);
    h.fake.blockUser(second.id);

    const since = h.fake.calls.length;
    const one = await pressSend(coordinator, await composeBroadcast(coordinator, { audience: "team", team: "Dongli", text: "Dongli: first notice" }));
    expect(figuresOf(await deliveryReport(h, coordinator, one.id))).toEqual({ sent: 2, failed: 0, unreachable: 1, total: 3, received: 0 });
    expect(sendsTo(second.id, since), "tried once, and refused").toBe(1);
    const tried = h.fake.calls.length;

    const confirm = await composeBroadcast(coordinator, { audience: "team", team: "Dongli", text: "Dongli: second notice" });
    expect(confirmedCounts(confirm)).toEqual({ recipients: 3, unreachable: 1 });
    const two = await pressSend(coordinator, confirm);
    expect(figuresOf(await deliveryReport(h, coordinator, two.id))).toEqual({ sent: 2, failed: 0, unreachable: 1, total: 3, received: 0 });
    expect(sendsTo(second.id, tried)).toBe(0);
    expect(copiesOf(first, "Dongli: second notice")).toHaveLength(1);
    expect(copiesOf(team.leader, "Dongli: second notice")).toHaveLength(1);
  });
});

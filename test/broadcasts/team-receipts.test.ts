import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { pressButton, pressData } from "../support/reports.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";
import { broadcast, chatDrained, copiesOf, RECEIVED, recipientsSettled, REMIND, TEAM_RECEIPTS } from "./support.js";
import { moveClock } from "../support/outbox-settled.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const REMINDER = /^🔔 Your team leader asks you to confirm that you received this message:\n\n📢 /;
const remindersIn = (user: FakeUser) => user.messages().filter((m) => REMINDER.test(m.text ?? ""));

/** Some bot message in the user's own chat, to forge callback data from. */
async function ownMessage(user: FakeUser): Promise<Message> {
  const before = user.cursor();
  await user.send("/me");
  return user.waitForMessage(() => true, { after: before });
}

/** The leader's 👥 press on their copy, and the receipts message it brings. */
async function receipts(leader: FakeUser, copy: Message): Promise<Message> {
  const before = leader.cursor();
  await leader.click(copy, TEAM_RECEIPTS);
  return leader.waitForMessage(/^👥 Broadcast #\d+ in /, { after: before });
}

describe("a leader's team receipts", () => {
  it("When a leader checks receipts and presses Remind them, then only members who have not confirmed are reminded, once in ten minutes, and another team's leader cannot do it for them", async () => {
    const t0 = new Date("2027-09-10T02:00:00Z");
    h.setNow(t0);
    const coordinator = await userWithRole(h, "Coord Receipts", { role: "coordinator" });
    const team = await teamWithLeader(h, "Jiading", "Jiading Town");
    const members: FakeUser[] = [];
    for (const name of ["Ai", "Bo", "Cai", "Dong", "Er"]) members.push((await activeMember(h, team.teamId, `${name} Jiading`)).user);
    const [ai, bo, cai, dong, er] = members as [FakeUser, FakeUser, FakeUser, FakeUser, FakeUser];
    await chatDrained(h.database.db, er);
    h.fake.blockUser(er.id); // found unreachable by the broadcast itself
    const other = await teamWithLeader(h, "Nanxiang", "Jiading Town");
    const elsewhere = (await activeMember(h, other.teamId, "Fang Nanxiang")).user;

    const text = "Jiading: the festival route changes tonight";
    const id = await broadcast(coordinator, { audience: "town", town: "Jiading Town", text });
    await recipientsSettled(h.database.db, id);
    for (const user of [ai, bo]) expect((await pressButton(user, copiesOf(user, text)[0]!, RECEIVED)).text).toBe("Thank you, noted.");

    const [leaderCopy] = copiesOf(team.leader, text);
    const first = await receipts(team.leader, leaderCopy!);
    expect(first.text).toBe(`👥 Broadcast #${id} in Jiading Patrol: 2 of 5 received.\nNot yet: Cai Jiading, Dong Jiading, Er Jiading`);

    // Another team's leader, forging the button for this team, is refused and reminds nobody.
    const forged = await pressData(other.leader, await ownMessage(other.leader), `bc:n:${id}:${team.teamId}`);
    expect(forged).toMatchObject({ text: "You can only see the receipts of a team you lead or supervise.", show_alert: true });
    expect(await pressData(ai, copiesOf(ai, text)[0]!, `bc:t:${id}`)).toMatchObject({ text: "You can only see the receipts of a team you lead or supervise." });
    for (const user of [cai, dong]) await chatDrained(h.database.db, user);
    expect(remindersIn(cai)).toEqual([]);

    const press = await team.leader.click(first, REMIND);
    expect(await team.leader.waitForCallbackAnswer(press.callbackQuery.id)).toMatchObject({ text: "🔔 Reminded 2 people.", show_alert: true });
    const reminder = await cai.waitForMessage(REMINDER);
    expect(reminder.text).toBe(`🔔 Your team leader asks you to confirm that you received this message:\n\n📢 Coord Receipts:\n\n${text}`);
    await dong.waitForMessage(REMINDER);

    // Pressed again, or the press delivered again, within ten minutes: nobody is reminded twice.
    await moveClock(h, new Date(t0.getTime() + 5 * 60_000));
    expect(await pressButton(team.leader, first, REMIND)).toMatchObject({ text: "Nobody to remind: everyone confirmed or was reminded in the last 10 minutes." });
    await h.fake.pushUpdate({ callback_query: press.callbackQuery });
    for (const user of [...members, team.leader, other.leader, elsewhere]) await chatDrained(h.database.db, user);
    expect([ai, bo, cai, dong, team.leader, other.leader, elsewhere].map((u) => remindersIn(u).length)).toEqual([0, 0, 1, 1, 0, 0, 0]);
    const sendsToEr = h.fake.calls.filter((c) => c.method === "sendMessage" && Number(c.params["chat_id"]) === er.id && String(c.params["text"]).includes(text));
    expect(sendsToEr.map((c) => c.response.ok), "one try of the broadcast, no reminder").toEqual([false]);

    // Cai confirms from the reminder; later only Dong is still missing, and reminded again.
    expect((await pressButton(cai, reminder, RECEIVED)).text).toBe("Thank you, noted.");
    const second = await receipts(team.leader, leaderCopy!);
    expect(second.text).toBe(`👥 Broadcast #${id} in Jiading Patrol: 3 of 5 received.\nNot yet: Dong Jiading, Er Jiading`);
    await moveClock(h, new Date(t0.getTime() + 11 * 60_000));
    expect(await pressButton(team.leader, second, REMIND)).toMatchObject({ text: "🔔 Reminded 1 person." });
    for (const user of members) await chatDrained(h.database.db, user);
    expect(members.map((u) => remindersIn(u).length)).toEqual([0, 0, 1, 2, 0]);

    expect((await pressButton(dong, remindersIn(dong)[1]!, RECEIVED)).text).toBe("Thank you, noted.");
    const last = await receipts(team.leader, leaderCopy!);
    expect(last.text).toBe(`👥 Broadcast #${id} in Jiading Patrol: 4 of 5 received.\nNot yet: Er Jiading`);
    // Er blocked the bot: there is nobody left to remind.
    await moveClock(h, new Date(t0.getTime() + 30 * 60_000));
    expect(await pressButton(team.leader, last, REMIND)).toMatchObject({ text: "Nobody to remind: everyone confirmed or was reminded in the last 10 minutes." });
  });
});

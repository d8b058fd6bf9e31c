import { and, eq, isNull, sql } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { assignments, openSlots, outbox } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { moveClock, outboxSettled } from "../support/outbox-settled.js";
import { nextDay, remindedNight } from "../support/reminded-night.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});
// The tests share one bot and move its pinned clock from night to night, always forward: a row a
// scheduler tick queues between two tests at the earlier test's time is then due in the next, where
// a clock set back would leave it waiting for a time that never comes. What a test leaves queued is
// sent before the next begins.
afterEach(async () => {
  await outboxSettled(h.database.db);
});

const hasButtons = (m: Message) => (m.reply_markup?.inline_keyboard.flat().length ?? 0) > 0;
const question = (u: FakeUser) => u.messages().find((m) => /Are you coming\?/.test(m.text ?? ""))!;
/** The message as it is once edited to match `text`, buttons gone. */
const closedAs = async (u: FakeUser, original: Message, text: RegExp) => {
  const closed = await u.waitForMessage((m) => m.message_id === original.message_id && text.test(m.text ?? ""));
  expect(hasButtons(closed), `#${closed.message_id} keeps its buttons`).toBe(false);
  return closed;
};
const dataOf = (m: Message) => (m.reply_markup!.inline_keyboard.flat()[0] as { callback_data: string }).callback_data;
const pressAnswer = async (u: FakeUser, message: Message, data: string) => {
  const { callbackQuery } = await u.clickData(message, data);
  return (await u.waitForCallbackAnswer(callbackQuery.id)).text;
};
const editCount = (u: FakeUser, m: Message) => u.log().find((e) => e.message.message_id === m.message_id)!.editCount;
const assignment = async (id: number) => (await h.database.db.select().from(assignments).where(eq(assignments.id, id)))[0]!;

describe("a reminder, once answered", () => {
  it("When a volunteer presses Coming, then the reminder loses its buttons and says so with the time; a stale press changes nothing; a later answer in words replaces the line", async () => {
    const n = await remindedNight(h, "Answered", "2027-07-01");
    const [a] = n.assigned;
    const reminder = question(a!);
    await a!.click(reminder, /Coming/);
    await a!.waitForMessage(/See you at 20:00/);
    const closed = await closedAs(a!, reminder, /Answered: coming \(20:01\)$/);
    expect(closed.text).toMatch(/^🌙 night patrol of .*\n.*\nAre you coming\?\n✅ Answered: coming/);
    // A press is known to be on the reminder by its Telegram message id, written down with the
    // send (its edit may go out a moment earlier, from the dispatcher's memory).
    await outboxSettled(h.database.db);

    const replies = a!.messages().length;
    expect(await pressAnswer(a!, reminder, `sh:n:${n.assignmentOf(a!)}`)).toMatch(/already answered: coming\. To change it, reply to the reminder/);
    expect(await pressAnswer(a!, reminder, `sh:s:${n.assignmentOf(a!)}`)).toMatch(/already answered: coming/);
    expect(a!.messages()).toHaveLength(replies);
    expect(await assignment(n.assignmentOf(a!))).toMatchObject({ reply: "coming", endedAt: null });
    expect(await h.database.db.select().from(openSlots).where(eq(openSlots.shiftId, n.shift.id))).toEqual([]);

    await moveClock(h, "2027-07-01T12:30:00Z");
    await a!.reply(reminder, "sorry, can't come");
    await a!.waitForMessage(/teammates are being asked/);
    await closedAs(a!, reminder, /❌ Answered: can't come \(20:30\)$/);
    await n.leader.waitForMessage(/can't come to the night patrol/);
  });

  it("When the same press is delivered twice, then the answer is recorded and the reminder edited once", async () => {
    const n = await remindedNight(h, "Twice", "2027-07-03");
    const [a] = n.assigned;
    const reminder = question(a!);
    const first = await a!.click(reminder, /Coming/);
    await a!.waitForMessage(/See you at 20:00/);
    await closedAs(a!, reminder, /Answered: coming/);
    await h.fake.pushUpdate({ callback_query: first.callbackQuery });
    await outboxSettled(h.database.db);
    expect(a!.messages().filter((m) => /See you at/.test(m.text ?? ""))).toHaveLength(1);
    expect(editCount(a!, reminder)).toBe(1);
    const edits = await h.database.db.select().from(outbox).where(and(eq(outbox.chatId, a!.id), sql`${outbox.payload}->>'kind' = 'edit'`));
    expect(edits).toHaveLength(1);
  });

  it("When volunteers answer in words without replying, or check in by /checkin or by the button, then their reminders close too", async () => {
    const n = await remindedNight(h, "Words", "2027-07-05");
    const [a, b] = n.assigned;
    await a!.send("yes, I'll be there");
    await a!.waitForMessage(/See you at 20:00/);
    await closedAs(a!, question(a!), /✅ Answered: coming \(20:01\)$/);

    const night = nextDay("2027-07-05");
    await moveClock(h, `${night}T11:45:00Z`); // 19:45: the check-in reminders
    const [aSince, bSince] = [a!.cursor(), b!.cursor()];
    await h.app.scheduler.run("due-reminders");
    const aCheckIn = await a!.waitForMessage(/Check in when you arrive/, { after: aSince });
    const bCheckIn = await b!.waitForMessage(/Check in when you arrive/, { after: bSince });
    expect(hasButtons(aCheckIn) && hasButtons(bCheckIn)).toBe(true);

    await moveClock(h, `${night}T11:50:00Z`);
    await a!.click(aCheckIn, /Check in/);
    await a!.waitForMessage(/Checked in for the night patrol/);
    await closedAs(a!, aCheckIn, /📍 Checked in \(19:50\)$/);
    // Already closed by the answer, the question keeps it.
    expect(question(a!).text).toMatch(/Answered: coming \(20:01\)$/);
    expect(await pressAnswer(a!, aCheckIn, `ci:${n.assignmentOf(a!)}`)).toMatch(/already checked in/);

    // b never answered: /checkin closes the question as well as the check-in reminder.
    await b!.send("/checkin");
    await b!.waitForMessage(/Checked in for the night patrol/);
    await closedAs(b!, bCheckIn, /📍 Checked in \(19:50\)$/);
    await closedAs(b!, question(b!), /📍 Checked in \(19:50\)$/);
  });
});

describe("a substitute offer, once taken or withdrawn", () => {
  it("When one teammate takes the place, then every copy of the offer says who took it, the taker's says it is theirs, and late presses change nothing", async () => {
    const n = await remindedNight(h, "Offers", "2027-07-07", 8);
    const [c] = n.assigned;
    await c!.click(question(c!), /Can't come/);
    await c!.waitForMessage(/teammates are being asked/);
    const offers = await Promise.all(n.free.map((spare) => spare.waitForMessage(/A place is open/)));
    expect(offers).toHaveLength(4);
    const [taker, ...others] = n.free;
    await taker!.click(offers[0]!, /take it/);
    await taker!.waitForMessage(/The place is yours/);
    await closedAs(taker!, offers[0]!, /✅ You took this place \(20:01\)$/);
    for (const [i, other] of others.entries()) {
      const closed = await closedAs(other, offers[i + 1]!, new RegExp(`✅ Taken by ${taker!.user.first_name} \\(20:01\\)$`));
      expect(closed.text).toMatch(/^🙋 A place is open/);
    }
    await c!.waitForMessage(new RegExp(`${taker!.user.first_name} took your place`));

    expect(await pressAnswer(others[0]!, offers[1]!, dataOf(offers[1]!))).toMatch(/Someone else was faster/);
    expect(await pressAnswer(taker!, offers[0]!, dataOf(offers[0]!))).toMatch(/already yours/);
    const onShift = await h.database.db.select().from(assignments).where(and(eq(assignments.shiftId, n.shift.id), isNull(assignments.endedAt)));
    expect(onShift).toHaveLength(4);
  });

  it("When the volunteer who asked for a substitute is coming after all, then the offers say so and can no longer be taken", async () => {
    const n = await remindedNight(h, "Withdrawn", "2027-07-09", 7);
    const [d] = n.assigned;
    const reminder = question(d!);
    await d!.click(reminder, /Find me a substitute/);
    const who = await d!.waitForMessage(/Should someone in particular take your place/);
    await d!.click(who, /Ask the whole team/);
    await d!.waitForMessage(/I am asking your teammates/);
    expect(hasButtons(d!.messages().find((m) => m.message_id === who.message_id)!), "the question which teammate is answered too").toBe(false);
    await closedAs(d!, reminder, /🔁 Answered: find me a substitute \(20:01\)$/);
    const offers = await Promise.all(n.free.map((spare) => spare.waitForMessage(/A place is open/)));

    await d!.reply(reminder, "ok, I will come");
    await d!.waitForMessage(/See you at 20:00/);
    await closedAs(d!, reminder, /✅ Answered: coming \(20:01\)$/);
    for (const [i, spare] of n.free.entries()) await closedAs(spare, offers[i]!, new RegExp(`↩️ No longer needed: ${d!.user.first_name} is coming after all`));
    expect(await pressAnswer(n.free[0]!, offers[0]!, dataOf(offers[0]!))).toMatch(/no longer open/);
    expect(await assignment(n.assignmentOf(d!))).toMatchObject({ reply: "coming", endedAt: null });
  });

  it("When a volunteer who asked a teammate by name then says they can't come, then the one place is offered to the team too, not a second one", async () => {
    const n = await remindedNight(h, "Widened", "2027-07-11", 7);
    const [d] = n.assigned;
    const [named, ...rest] = n.free;
    const reminder = question(d!);
    await d!.click(reminder, /Find me a substitute/);
    const who = await d!.waitForMessage(/Should someone in particular take your place/);
    await d!.click(who, named!.user.first_name);
    const namedOffer = await named!.waitForMessage(/asked you to take their place/);

    await d!.reply(reminder, "sorry, can't come after all");
    await d!.waitForMessage(/teammates are being asked/);
    await closedAs(d!, reminder, /❌ Answered: can't come/);
    for (const spare of rest) await spare.waitForMessage(/A place is open/);
    const open = await h.database.db.select().from(openSlots).where(and(eq(openSlots.shiftId, n.shift.id), isNull(openSlots.filledAt), isNull(openSlots.closedAt)));
    expect(open).toHaveLength(1);
    await named!.click(namedOffer, /take it/);
    await named!.waitForMessage(/The place is yours/);
    for (const spare of rest) await closedAs(spare, spare.messages().find((m) => /A place is open/.test(m.text ?? ""))!, new RegExp(`Taken by ${named!.user.first_name}`));
  });

  it("When the shift begins with the place still open, then the offers say it is no longer open", async () => {
    const n = await remindedNight(h, "Passed", "2027-07-13", 6);
    const [c] = n.assigned;
    await c!.click(question(c!), /Can't come/);
    const offers = await Promise.all(n.free.map((spare) => spare.waitForMessage(/A place is open/)));
    await moveClock(h, `${nextDay("2027-07-13")}T12:05:00Z`); // 20:05, the patrol under way
    await h.app.scheduler.run("substitute-waves");
    for (const [i, spare] of n.free.entries()) await closedAs(spare, offers[i]!, /⏹ This place is no longer open \(20:05\)$/);
    expect(await pressAnswer(n.free[0]!, offers[0]!, dataOf(offers[0]!))).toMatch(/no longer open/);
  });

  it("When the place is taken before the offers went out, then they go out and are edited right after", async () => {
    const n = await remindedNight(h, "Unsent", "2027-07-15", 7);
    const [c] = n.assigned;
    await h.app.dispatcher.stop();
    await c!.click(question(c!), /Can't come/);
    await c!.waitForMessage(/teammates are being asked/);
    const [taker, ...others] = n.free;
    // Not shown the offer yet, the teammate says yes in words: the offer made to them is what it answers.
    await taker!.send("yes");
    await taker!.waitForMessage(/The place is yours/);
    h.app.dispatcher.start();
    // Each edit goes out right behind its original, to the same chat; a busy machine is slow.
    await outboxSettled(h.database.db, undefined, 30_000);
    await closedAs(taker!, taker!.messages().find((m) => /A place is open/.test(m.text ?? ""))!, /You took this place/);
    for (const other of others) await closedAs(other, other.messages().find((m) => /A place is open/.test(m.text ?? ""))!, /Taken by/);
  }, 60_000);
});

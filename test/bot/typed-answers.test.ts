import { and, eq, isNull } from "drizzle-orm";
import type { Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, openSlots, people, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader } from "../support/world.js";

const buttonData = (m: Message) => m.reply_markup?.inline_keyboard.flat().map((b) => ("callback_data" in b ? b.callback_data : "")) ?? [];
const addDays = (night: string, days: number) => new Date(Date.parse(`${night}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A team of five planned at 20:30 for three nights from `first` (four a night, so some are on two
 * nights in a row), with who is on which night. Tonight's shift has begun, so its "are you
 * coming?" is never sent; tomorrow's has just gone out.
 */
async function plannedNights(h: BotHarness, name: string, first: string) {
  const team = await teamWithLeader(h, name);
  const members: FakeUser[] = [];
  for (let i = 0; i < 5; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  h.setNow(`${first}T12:30:00Z`);
  await h.app.scheduler.run("plan-shifts");
  await h.app.scheduler.run("due-reminders");
  const rows = await h.database.db
    .select({ telegramId: people.telegramId, assignmentId: assignments.id, night: shifts.night })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(shifts.teamId, team.teamId), isNull(assignments.endedAt)));
  const on = (night: string) => members.filter((m) => rows.some((r) => r.night === night && r.telegramId === m.id));
  const assignmentOf = (u: FakeUser, night: string) => rows.find((r) => r.telegramId === u.id && r.night === night)!.assignmentId;
  return { ...team, members, on, assignmentOf };
}

async function slotsOf(h: BotHarness, assignmentId: number) {
  return h.database.db.select().from(openSlots).where(eq(openSlots.replacesAssignmentId, assignmentId));
}

describe("answers typed without replying to the reminder", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "3", WEEKLY_CAP: "7" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("When a volunteer on two nights in a row types that they can't come, then the night asked about is recorded and a teammate is offered the place", async () => {
    const n = await plannedNights(h, "Twice", "2027-07-05");
    const tomorrow = addDays("2027-07-05", 1);
    const dayAfter = addDays("2027-07-05", 2);
    const both = n.on(tomorrow).find((m) => n.on(dayAfter).includes(m))!;
    const [spare] = n.members.filter((m) => !n.on(tomorrow).includes(m));
    // Tomorrow's "are you coming?" has gone out; the day after's has not yet.
    await both.waitForMessage(/Are you coming\?/);

    await both.send("不能来了 家里有事");
    await both.waitForMessage(/teammates are being asked to take your place/);
    const [tomorrowRow] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(both, tomorrow)));
    expect(tomorrowRow).toMatchObject({ reply: "cant", endedReason: "cant" });
    const [laterRow] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(both, dayAfter)));
    expect(laterRow).toMatchObject({ reply: null, endedAt: null });
    expect(await slotsOf(h, n.assignmentOf(both, tomorrow))).toHaveLength(1);
    await n.leader.waitForMessage(/can't come to the night patrol/);
    await spare!.waitForMessage(/A place is open/);
  });

  it("When a reminder gets an unclear answer typed without replying, then its buttons come again", async () => {
    const n = await plannedNights(h, "Hedge", "2027-07-12");
    const tomorrow = addDays("2027-07-12", 1);
    const [volunteer] = n.on(tomorrow);
    await volunteer!.waitForMessage(/Are you coming\?/);

    const sent = await volunteer!.send("嗯嗯 看情况");
    const again = await volunteer!.waitForMessage(/did not understand your answer/, { after: sent.message });
    expect(buttonData(again)).toEqual(expect.arrayContaining([`sh:c:${n.assignmentOf(volunteer!, tomorrow)}`, `sh:n:${n.assignmentOf(volunteer!, tomorrow)}`]));
    await volunteer!.click(again, /Coming/);
    await volunteer!.waitForMessage(/See you at 20:00/);
  });

  it("When a teammate types a yes to a substitute offer, then they take the place, and an unclear answer shows the offer's button again", async () => {
    const n = await plannedNights(h, "Offer", "2027-07-19");
    const tomorrow = addDays("2027-07-19", 1);
    const [leaving] = n.on(tomorrow);
    const [spare] = n.members.filter((m) => !n.on(tomorrow).includes(m));
    const reminder = await leaving!.waitForMessage(/Are you coming\?/);
    await leaving!.click(reminder, /Can't come/);
    const offer = await spare!.waitForMessage(/A place is open/);

    const hedged = await spare!.send("嗯嗯 看情况");
    const again = await spare!.waitForMessage(/did not understand your answer/, { after: hedged.message });
    expect(buttonData(again)).toEqual(buttonData(offer));

    await spare!.send("好的 我来");
    await spare!.waitForMessage(/The place is yours/);
    await n.leader.waitForMessage(/took the open place/);
    const [slot] = await slotsOf(h, n.assignmentOf(leaving!, tomorrow));
    expect(slot?.filledAt).not.toBeNull();

    // The offer is no longer open: the same words again are not taken for anything.
    const later = await spare!.send("好的 我来");
    await spare!.waitForMessage(/Send \/help/, { after: later.message });
  });
});

describe("two asked nights open at once", () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "3", WEEKLY_CAP: "7", REMINDER_SCHEDULE: "ask:48h,nudge:2h,checkin:15m" } });
  });
  afterAll(async () => {
    await h?.close();
  });

  it("When both are unanswered and the volunteer types that they can't come, then the bot asks which night and records the one pressed", async () => {
    const n = await plannedNights(h, "Which", "2027-08-02");
    const tomorrow = addDays("2027-08-02", 1);
    const dayAfter = addDays("2027-08-02", 2);
    const both = n.on(tomorrow).find((m) => n.on(dayAfter).includes(m))!;
    const other = n.members.find((m) => m !== both)!;
    await both.waitForMessage((m) => /Are you coming\?/.test(m.text ?? "") && /3 Aug/.test(m.text ?? ""));
    await both.waitForMessage((m) => /Are you coming\?/.test(m.text ?? "") && /4 Aug/.test(m.text ?? ""));

    const sent = await both.send("不能来了");
    const which = await both.waitForMessage(/Which night do you mean\?/, { after: sent.message });
    const labels = which.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    expect(labels).toEqual([expect.stringMatching(/3 Aug.*20:00-24:00/), expect.stringMatching(/4 Aug.*20:00-24:00/)]);
    for (const row of [tomorrow, dayAfter]) {
      const [a] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(both, row)));
      expect(a?.reply).toBeNull();
    }

    // The buttons are the asker's: a teammate pressing a forged one changes nothing.
    const [, dayAfterButton] = which.reply_markup!.inline_keyboard.flat();
    const forged = await other.clickData(other.lastMessage()!, "callback_data" in dayAfterButton! ? dayAfterButton.callback_data! : "");
    expect((await other.waitForCallbackAnswer(forged.callbackQuery.id)).text).toMatch(/not your shift/);

    const dayAfterData = "callback_data" in dayAfterButton! ? dayAfterButton.callback_data! : "";
    await both.click(which, /4 Aug/);
    await both.waitForMessage(/teammates are being asked to take your place/);
    expect(both.messages().find((m) => m.message_id === which.message_id)!.reply_markup, "the question is answered").toBeUndefined();
    await both.clickData(which, dayAfterData); // pressed twice, from a client still showing it: still one open place
    const [later] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(both, dayAfter)));
    expect(later).toMatchObject({ reply: "cant", endedReason: "cant" });
    const [sooner] = await h.database.db.select().from(assignments).where(eq(assignments.id, n.assignmentOf(both, tomorrow)));
    expect(sooner).toMatchObject({ reply: null, endedAt: null });
    expect(await slotsOf(h, n.assignmentOf(both, dayAfter))).toHaveLength(1);
  });
});

import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, duties, leaveDates, people, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "3", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

async function plannedTeam(name: string, size: number, morning: string) {
  const team = await teamWithLeader(h, name);
  const members: FakeUser[] = [];
  for (let i = 0; i < size; i++) members.push((await activeMember(h, team.teamId, `${name} ${i + 1}`)).user);
  h.setNow(morning);
  await h.app.scheduler.run("plan-shifts");
  const teamShifts = await h.database.db.select().from(shifts).where(eq(shifts.teamId, team.teamId)).orderBy(shifts.night);
  return { ...team, members, shifts: teamShifts };
}

async function liveOn(shiftId: number) {
  return h.database.db
    .select({ telegramId: people.telegramId })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)));
}

describe("planning ahead, as volunteers and leaders", () => {
  it("When a team is too small, then /open lists its short shifts and a volunteer can join one", async () => {
    // Three members for four places: every night is one short. A fourth joins after planning.
    const t = await plannedTeam("Short", 3, "2027-07-01T01:00:00Z");
    const newcomer = (await activeMember(h, t.teamId, "Short newcomer")).user;
    await newcomer.send("/open");
    const list = await newcomer.waitForMessage(/short of people/);
    expect(list.text).toMatch(/1 missing/);
    const button = list.reply_markup!.inline_keyboard[0]![0]!;
    const shiftId = Number(("callback_data" in button ? button.callback_data : "").split(":")[1]);
    expect((await liveOn(shiftId)).length).toBe(3);
    await newcomer.click(list, button.text);
    await newcomer.waitForMessage(/The place is yours/);
    expect((await liveOn(shiftId)).length).toBe(4);
    await newcomer.send("/open");
    await newcomer.waitForMessage((m) => /short of people/.test(m.text ?? "") && m.message_id > list.message_id);
  });

  it("When a volunteer marks a planned night as leave, then they are taken off it and the leader is told", async () => {
    const t = await plannedTeam("Leave", 6, "2027-07-05T01:00:00Z");
    const tomorrow = t.shifts.find((s) => s.night === "2027-07-06")!;
    const onIt = await liveOn(tomorrow.id);
    const volunteer = t.members.find((m) => onIt.some((a) => a.telegramId === m.id))!;
    await volunteer.send("/leave_dates 2027-07-06");
    await volunteer.waitForMessage(/Saved 1 leave dates\. Shifts given up because of them: 1/);
    await t.leader.waitForMessage(/can't come to the night patrol/);
    const [leave] = await h.database.db.select().from(leaveDates).innerJoin(people, eq(people.id, leaveDates.personId)).where(eq(people.telegramId, volunteer.id));
    expect(leave?.leave_dates.night).toBe("2027-07-06");
    await volunteer.send("/leave_dates 2026-01-01");
    await volunteer.waitForMessage(/is not a date from today on/);
  });

  it("When a leader takes someone off tomorrow's shift and adds someone else, then both are told", async () => {
    const t = await plannedTeam("Swap", 6, "2027-07-10T01:00:00Z");
    h.setNow("2027-07-10T01:05:00Z");
    await t.leader.send("/roster 2027-07-11");
    const board = await t.leader.waitForMessage(/📋 night patrol/);
    await t.leader.click(board, /Take someone off/);
    const removeList = await t.leader.waitForMessage(/Whom do you take off/);
    const removedName = removeList.reply_markup!.inline_keyboard[0]![0]!.text;
    await t.leader.click(removeList, removedName);
    const removed = t.members.find((m) => m.user.first_name === removedName)!;
    await removed.waitForMessage(/took you off/);

    await t.leader.click(board, /Add someone/);
    const addList = await t.leader.waitForMessage(/Whom do you add/);
    const addable = addList.reply_markup!.inline_keyboard.flat().map((b) => b.text);
    const addedName = addable.find((n) => n !== removedName && n.startsWith("Swap"))!;
    expect(addable).toContain(removedName);
    await t.leader.click(addList, addedName);
    const added = t.members.find((m) => m.user.first_name === addedName)!;
    await added.waitForMessage(/put you on the night patrol/);
  });

  it("When a leader in the middle of /report presses the roster's add button, then the person is added and the report still waits", async () => {
    const t = await plannedTeam("AddDuringReport", 6, "2027-07-15T01:00:00Z");
    h.setNow("2027-07-15T01:05:00Z");
    await t.leader.send("/roster 2027-07-16");
    const board = await t.leader.waitForMessage(/📋 night patrol/);
    await t.leader.click(board, /Add someone/);
    const addList = await t.leader.waitForMessage(/Whom do you add/);
    const addedName = addList.reply_markup!.inline_keyboard.flat().map((b) => b.text).find((n) => n.startsWith("AddDuringReport"))!;

    await t.leader.send("/report");
    const ask = await t.leader.waitForMessage(/What are you reporting/);
    const { callbackQuery } = await t.leader.click(addList, addedName);
    expect((await t.leader.waitForCallbackAnswer(callbackQuery.id)).text).toMatch(/Added/);
    const added = t.members.find((m) => m.user.first_name === addedName)!;
    await added.waitForMessage(/put you on the night patrol/);

    await t.leader.click(ask, "⚠️ Hazard");
    await t.leader.waitForMessage(/Describe what you found/);
  });
});

describe("patrol settings", () => {
  it("When a leader changes the window and headcounts, then they are saved and audited, and a volunteer cannot change them", async () => {
    const { teamId, leader } = await teamWithLeader(h, "Settings");
    const volunteer = (await activeMember(h, teamId, "Settings volunteer")).user;
    await leader.send("/patrol");
    await leader.waitForMessage(/patrol 20:00-24:00\nPeople a night: 4 normally, 8 when heightened, 8 at level 1/);
    await leader.send("/patrol 19:30-23:30 5 9 10");
    await leader.waitForMessage(/Saved.*patrol 19:30-23:30\nPeople a night: 5 normally, 9 when heightened, 10 at level 1/s);
    await leader.send("/patrol 25:00-26:00 1 1 1");
    await leader.waitForMessage(/Times are written 00:00 to 24:00/);
    await volunteer.send(`/patrol ${teamId} 18:00-22:00 1 1 1`);
    await volunteer.waitForMessage(/not allowed/);
    const [duty] = await h.database.db.select().from(duties).where(eq(duties.teamId, teamId));
    expect(duty).toMatchObject({ startTime: "19:30", endTime: "23:30", headcountNormal: 5 });
  });
});

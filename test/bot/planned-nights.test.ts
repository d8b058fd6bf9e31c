import { and, asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, people, reminders, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, inviteCodeFrom, nextTelegramId, signUp, teamWithLeader, userWithRole } from "../support/world.js";

const ADMIN = 616_161;
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ admins: [ADMIN], env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

async function teamShifts(teamId: number) {
  return h.database.db.select().from(shifts).where(eq(shifts.teamId, teamId)).orderBy(asc(shifts.night));
}

async function onShift(shiftId: number) {
  return h.database.db
    .select({ assignmentId: assignments.id, telegramId: people.telegramId })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)));
}

describe("a leader changes the patrol window", () => {
  it("When a leader changes /patrol to 19:00-23:00 at noon, then tonight's shift starts at 19:00, its reminders follow, the volunteers are told and a new place is offered", async () => {
    const team = await teamWithLeader(h, "Moved");
    const members: FakeUser[] = [];
    for (let i = 0; i < 5; i++) members.push((await activeMember(h, team.teamId, `Moved ${i + 1}`)).user);
    h.setNow("2027-09-06T00:30:00Z"); // 08:30 in Shanghai: tonight and tomorrow are planned, 20:00-24:00
    await h.app.scheduler.run("plan-shifts");
    const [tonight] = await teamShifts(team.teamId);
    const tonightPeople = await onShift(tonight!.id);
    const volunteers = members.filter((m) => tonightPeople.some((p) => p.telegramId === m.id));
    const [spare] = members.filter((m) => !volunteers.includes(m));

    h.setNow("2027-09-06T04:00:00Z"); // noon
    await team.leader.send("/patrol 19:00-23:00 5 8 8");
    await team.leader.waitForMessage(/patrol 19:00-23:00/);

    const [movedTonight, movedTomorrow] = await teamShifts(team.teamId);
    expect(movedTonight).toMatchObject({ night: "2027-09-06", startsAt: new Date("2027-09-06T11:00:00Z"), endsAt: new Date("2027-09-06T15:00:00Z"), required: 5 });
    expect(movedTomorrow).toMatchObject({ night: "2027-09-07", startsAt: new Date("2027-09-07T11:00:00Z"), endsAt: new Date("2027-09-07T15:00:00Z"), required: 5 });
    const due = await h.database.db.select().from(reminders).where(and(eq(reminders.assignmentId, tonightPeople[0]!.assignmentId), eq(reminders.status, "pending")));
    expect(Object.fromEntries(due.map((r) => [r.kind, r.dueAt.toISOString()]))).toMatchObject({ nudge: "2027-09-06T09:00:00.000Z", checkin: "2027-09-06T10:45:00.000Z" });

    for (const v of volunteers) await v.waitForMessage(/New times.*19:00-23:00 \(was 20:00-24:00\)[^]*Mon 6 Sept?, 19:00-23:00/);
    await team.leader.waitForMessage(/planned nights now run 19:00-23:00/);
    await team.leader.waitForMessage(/needs 5 \(was 4\)/);

    await h.app.scheduler.run("substitute-waves");
    const offer = await spare!.waitForMessage((m) => /needs more people/.test(m.text ?? "") && /Mon 6 Sep/.test(m.text ?? ""));
    expect(offer.text).toContain("19:00-23:00");

    h.setNow("2027-09-06T10:45:00Z"); // 18:45
    await h.app.scheduler.run("due-reminders");
    await volunteers[0]!.waitForMessage(/starts at 19:00 \(Mon 6 Sept?\)/);
  });

  it("When the new start has already passed tonight, then tonight keeps its times, later nights move, the leaders hear why, and a lower headcount frees people", async () => {
    const team = await teamWithLeader(h, "Late change");
    const members: FakeUser[] = [];
    for (let i = 0; i < 4; i++) members.push((await activeMember(h, team.teamId, `Late change ${i + 1}`)).user);
    h.setNow("2027-09-20T00:30:00Z");
    await h.app.scheduler.run("plan-shifts");
    h.setNow("2027-09-20T11:30:00Z"); // 19:30: a 19:00 start would make everyone late already
    await team.leader.send("/patrol 19:00-23:00 3 8 8");
    await team.leader.waitForMessage(/patrol 19:00-23:00/);
    const [tonight, tomorrow] = await teamShifts(team.teamId);
    expect(tonight).toMatchObject({ startsAt: new Date("2027-09-20T12:00:00Z"), endsAt: new Date("2027-09-20T16:00:00Z") });
    expect(tomorrow).toMatchObject({ startsAt: new Date("2027-09-21T11:00:00Z"), endsAt: new Date("2027-09-21T15:00:00Z") });
    await team.leader.waitForMessage(/1 night moved[^]*Mon 20 Sept? keeps 20:00-24:00/);

    // Three a night now: one person is freed from each night not yet begun, and told why.
    await team.leader.waitForMessage(/needs 3 \(was 4\), 3 on it; 1 freed/);
    expect((await onShift(tonight!.id)).length).toBe(3);
    await Promise.any(members.map((m) => m.waitForMessage(/needs fewer people a night, so you are free on the night patrol of Mon 20 Sept?/)));
  });
});

describe("a team imported during the day", () => {
  const header = "town,community,team,name,phone,role,weekdays,affiliation";
  /** People who already use the bot, with the phones the spreadsheet lists. */
  async function knownPeople(names: string[], firstPhone: number) {
    const users: FakeUser[] = [];
    for (const [i, name] of names.entries()) {
      const user = await userWithRole(h, name);
      await h.database.db.update(people).set({ phone: `+86139777${String(firstPhone + i).padStart(5, "0")}` }).where(eq(people.telegramId, user.id));
      users.push(user);
    }
    return users;
  }
  const rowsOf = (names: string[], firstPhone: number) => names.map((name, i) => `Qixing,Lotus,Lotus Patrol,${name},139777${String(firstPhone + i).padStart(5, "0")},volunteer,daily,`);

  it("When a coordinator imports a new team at 14:00, then tonight's shift exists and its people are asked, and a member imported later fills the place still open", async () => {
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    const first = ["Lotus A", "Lotus B", "Lotus C"];
    const firstUsers = await knownPeople(first, 1);
    h.setNow("2027-09-13T06:00:00Z"); // 14:00 in Shanghai
    await admin.sendDocument({ fileName: "lotus.csv", content: [header, ...rowsOf(first, 1)].join("\n") });
    const summary = await admin.waitForMessage(/New members: 3/, { timeoutMs: 15_000 });

    const [teamRow] = await h.database.db.select({ teamId: shifts.teamId }).from(shifts).innerJoin(people, eq(people.telegramId, firstUsers[0]!.id)).innerJoin(assignments, and(eq(assignments.shiftId, shifts.id), eq(assignments.personId, people.id)));
    expect(teamRow, "the new team has a shift with its people").toBeDefined();
    const [tonight] = await teamShifts(teamRow!.teamId);
    expect(tonight).toMatchObject({ night: "2027-09-13", startsAt: new Date("2027-09-13T12:00:00Z") });
    expect(await onShift(tonight!.id)).toHaveLength(3);

    await h.app.scheduler.run("due-reminders");
    for (const u of firstUsers) await u.waitForMessage((m) => /Are you coming\?/.test(m.text ?? "") && /Mon 13 Sep/.test(m.text ?? ""));

    const [late] = await knownPeople(["Lotus D"], 4);
    await admin.sendDocument({ fileName: "lotus-more.csv", content: [header, ...rowsOf(["Lotus D"], 4)].join("\n") });
    await admin.waitForMessage((m) => /New members: 1/.test(m.text ?? "") && m.message_id > summary.message_id, { timeoutMs: 15_000 });
    expect(await onShift(tonight!.id)).toHaveLength(4);
    await h.app.scheduler.run("due-reminders");
    await late!.waitForMessage((m) => /Are you coming\?/.test(m.text ?? "") && /Mon 13 Sep/.test(m.text ?? ""));
  });
});

describe("a volunteer approved during the day", () => {
  it("When a leader approves a sign-up at 14:00 and tonight is a person short, then the newcomer is put on tonight and asked", async () => {
    const team = await teamWithLeader(h, "Newcomer");
    for (let i = 0; i < 3; i++) await activeMember(h, team.teamId, `Newcomer ${i + 1}`);
    h.setNow("2027-10-04T00:30:00Z"); // a Monday, 08:30: tonight is planned with three of four
    await h.app.scheduler.run("plan-shifts");
    const [tonight] = await teamShifts(team.teamId);
    expect(await onShift(tonight!.id)).toHaveLength(3);

    h.setNow("2027-10-04T06:00:00Z");
    const code = await inviteCodeFrom(team.leader);
    const newcomer = h.fake.user({ id: nextTelegramId(), first_name: "Newcomer", language_code: "en" });
    await signUp(newcomer, code, "Xu Ming", ["Mon", "Tue"]);
    // The leader also holds the cards of the members seeded above: take the newcomer's.
    const card = await team.leader.waitForMessage(/New volunteer for[\s\S]*Xu Ming/);
    await team.leader.click(card, /Approve/);
    await newcomer.waitForMessage(/You are now a member/);
    const people = await onShift(tonight!.id);
    expect(people.map((p) => p.telegramId)).toContain(newcomer.id);

    await h.app.scheduler.run("due-reminders");
    await newcomer.waitForMessage((m) => /Are you coming\?/.test(m.text ?? "") && /Mon 4 Oct/.test(m.text ?? ""));
  });
});

describe("a volunteer who leaves the team", () => {
  it("When a volunteer on tonight's shift leaves the team, then they come off it, are not reminded, and a teammate is offered the place", async () => {
    const team = await teamWithLeader(h, "Leaver");
    const members: FakeUser[] = [];
    for (let i = 0; i < 5; i++) members.push((await activeMember(h, team.teamId, `Leaver ${i + 1}`)).user);
    h.setNow("2027-09-27T00:30:00Z");
    await h.app.scheduler.run("plan-shifts");
    const [tonight] = await teamShifts(team.teamId);
    const before = await onShift(tonight!.id);
    const leaving = members.find((m) => before.some((p) => p.telegramId === m.id))!;
    const spare = members.find((m) => !before.some((p) => p.telegramId === m.id))!;

    h.setNow("2027-09-27T04:00:00Z");
    await leaving.send("/leave");
    await leaving.click("Leave Leaver Patrol");
    await leaving.waitForMessage(/You left/);
    const after = await onShift(tonight!.id);
    expect(after.map((p) => p.telegramId)).not.toContain(leaving.id);
    expect(after).toHaveLength(3);

    await h.app.scheduler.run("substitute-waves");
    const offer = await spare.waitForMessage((m) => /A place is open/.test(m.text ?? "") && /Mon 27 Sept?/.test(m.text ?? ""));
    await spare.click(offer, /take it/);
    await spare.waitForMessage(/The place is yours/);
    expect(await onShift(tonight!.id)).toHaveLength(4);

    h.setNow("2027-09-27T10:00:00Z"); // the 2-hour nudge
    await h.app.scheduler.run("due-reminders");
    const leftAssignment = before.find((p) => p.telegramId === leaving.id)!.assignmentId;
    const [nudge] = await h.database.db.select().from(reminders).where(and(eq(reminders.assignmentId, leftAssignment), eq(reminders.kind, "nudge")));
    expect(nudge).toMatchObject({ status: "skipped", skipReason: "no longer on the shift" });
  });
});


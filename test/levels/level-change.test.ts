import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignments, auditLog, openSlots, responseLevels, shifts } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "2", WEEKLY_CAP: "7" } });
});
afterAll(async () => {
  await h?.close();
});

/** A team of `size` members in `town`, planned for two nights from 08:30 of `night` (Shanghai). */
async function plannedTeam(name: string, town: string, size: number) {
  const team = await teamWithLeader(h, name, town);
  const members: Array<{ user: FakeUser; personId: number }> = [];
  for (let i = 0; i < size; i++) members.push(await activeMember(h, team.teamId, `${name} ${i + 1}`));
  return { ...team, members };
}

async function teamShifts(teamId: number) {
  return h.database.db.select({ id: shifts.id, night: shifts.night, required: shifts.required }).from(shifts).where(eq(shifts.teamId, teamId)).orderBy(shifts.night);
}

async function onShift(shiftId: number) {
  return h.database.db.select({ personId: assignments.personId, source: assignments.source }).from(assignments).where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)));
}

/** Walks a coordinator through /level: level, scope, start and end by button, and a message. */
async function setLevel(coordinator: FakeUser, level: RegExp, scope: string, message: string | null) {
  const before = coordinator.cursor();
  await coordinator.send("/level");
  await coordinator.waitForMessage(/Which level\?/, { after: before });
  await coordinator.click(level);
  await coordinator.waitForMessage(/whole district or one town/, { after: before });
  await coordinator.click(scope);
  await coordinator.waitForMessage(/From when\?/, { after: before });
  await coordinator.click("Now");
  await coordinator.waitForMessage(/Until when\?/, { after: before });
  await coordinator.click("Until changed");
  await coordinator.waitForMessage(/A message for everyone/, { after: before });
  if (message) await coordinator.send(message);
  else await coordinator.click("Skip");
  await coordinator.waitForMessage(/This notice goes to everyone in scope/, { after: before });
  await coordinator.click(/Publish/);
  return coordinator.waitForMessage(/^🛡 Done:/, { after: before });
}

describe("/level through the bot", () => {
  it("When a coordinator raises one town to level 1, then its shifts need 8, standby teammates are called, its leader hears the gap and everyone there (only there) is told", async () => {
    h.setNow("2027-06-01T00:30:00Z"); // 08:30 in Shanghai
    const here = await plannedTeam("Raise", "Xinfeng", 7);
    const there = await plannedTeam("Calm", "Qianjiang", 5);
    const coordinator = await userWithRole(h, "Coord Raise", { role: "coordinator" });
    await h.app.scheduler.run("plan-shifts");
    const [tonight] = await teamShifts(here.teamId);
    expect(tonight!.required).toBe(4);
    const rota = await onShift(tonight!.id);
    const standby = here.members.filter((m) => !rota.some((a) => a.personId === m.personId));
    expect(standby).toHaveLength(3);

    const done = await setLevel(coordinator, /Level 1 response/, "Xinfeng", "Expo opening week: all hands, please.");
    expect(done.text).toMatch(/Level 1 response for Xinfeng\. 2 shifts restaffed, 8 places offered, 0 people freed; the announcement is going to 8 people/);

    expect((await teamShifts(here.teamId)).map((s) => s.required)).toEqual([8, 8]);
    // The places are offered by the waves job, which runs every few seconds.
    await h.app.scheduler.run("substitute-waves");
    expect((await teamShifts(there.teamId)).map((s) => s.required)).toEqual([4, 4]);
    for (const m of [...here.members.map((x) => x.user), here.leader]) {
      // As a notice reads: at once, the headcount every team there patrols with, and no end yet.
      const told = await m.waitForMessage(/From now on, Xinfeng is at level 1 response \(8 people a team each night\), until further notice\./);
      expect(told.text).toContain("Expo opening week: all hands, please.");
      expect(told.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain("✅ Received");
    }
    const gap = await here.leader.waitForMessage(/The response level for Xinfeng is now Level 1 response/);
    expect(gap.text).toMatch(/needs 8 \(was 4\), 4 on it; 4 places offered to standby teammates/);
    await outboxSettled(h.database.db);
    for (const m of standby) {
      const offers = m.user.messages().filter((x) => /The response level rose/.test(x.text ?? "") && /Tue 1 Jun/.test(x.text ?? ""));
      expect(offers, "one offer for tonight, not one per open place").toHaveLength(1);
    }
    await coordinator.waitForMessage(/Broadcast #\d+: (sending|delivery report)/);
    for (const m of [...there.members.map((x) => x.user), there.leader]) expect(m.messages().some((x) => /Response level/.test(x.text ?? ""))).toBe(false);
    const [row] = await h.database.db.select().from(responseLevels).where(eq(responseLevels.townId, here.townId));
    expect(row).toMatchObject({ level: "level1", endsAt: null, message: "Expo opening week: all hands, please." });
    const audited = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, "level.set"), eq(auditLog.subjectId, String(row!.id))));
    expect(audited).toHaveLength(1);

    // Two standby volunteers take tonight's places at once: both get one, the board counts six.
    const [first, second] = standby;
    const offerTonight = (u: FakeUser) => u.messages().find((x) => /The response level rose/.test(x.text ?? "") && /Tue 1 Jun/.test(x.text ?? ""))!;
    await Promise.all([first!.user.click(offerTonight(first!.user), /take it/), second!.user.click(offerTonight(second!.user), /take it/)]);
    await first!.user.waitForMessage(/The place is yours/);
    await second!.user.waitForMessage(/The place is yours/);
    expect(await onShift(tonight!.id)).toHaveLength(6);

    // Lowering again: tonight needs 4, so the two who came last are freed and told; the open places close.
    const lowered = await setLevel(coordinator, /Normal/, "Xinfeng", null);
    expect(lowered.text).toMatch(/2 shifts restaffed, 0 places offered, 2 people freed/);
    await first!.user.waitForMessage(/needs fewer people and you are free that night/);
    await second!.user.waitForMessage(/needs fewer people and you are free that night/);
    const left = await onShift(tonight!.id);
    expect(left.map((a) => a.source)).toEqual(["rota", "rota", "rota", "rota"]);
    const stillOpen = await h.database.db.select().from(openSlots).where(and(eq(openSlots.shiftId, tonight!.id), isNull(openSlots.filledAt), isNull(openSlots.closedAt)));
    expect(stillOpen).toHaveLength(0);
    await here.leader.waitForMessage(/needs 4 \(was 8\), 4 on it; 2 freed/);
    const rows = await h.database.db.select({ level: responseLevels.level, endsAt: responseLevels.endsAt }).from(responseLevels).where(eq(responseLevels.townId, here.townId)).orderBy(responseLevels.id);
    expect(rows.map((r) => [r.level, r.endsAt === null])).toEqual([["level1", false], ["normal", true]]);
    h.setNow(null);
  });
});

import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handOverShift } from "../../src/shifts/lead-shift.js";
import { recordSpotCheck } from "../../src/spotchecks/record-spot-check.js";
import { outbox, people, shifts, spotCheckPhotos, spotChecks } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { asPerson, contextFor } from "../support/domain.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

const NIGHT = "2027-05-10";
const DURING_PATROL = `${NIGHT}T13:30:00Z`; // 21:30 in Shanghai

let h: BotHarness;
/** Qixing: a team on patrol tonight (its deputy leads tonight) and a supervisor; Yuxin: another team. */
const w = {} as {
  qixing: Awaited<ReturnType<typeof teamWithLeader>> & { deputy: FakeUser; members: FakeUser[]; shiftId: number };
  yuxin: Awaited<ReturnType<typeof teamWithLeader>>;
  supervisor: FakeUser;
  coordinator: FakeUser;
};

const personIdOf = async (user: FakeUser) => (await h.database.db.select({ id: people.id }).from(people).where(eq(people.telegramId, user.id)))[0]!.id;
const answerTo = async (user: FakeUser, click: Promise<{ callbackQuery: { id: string } }>) => (await user.waitForCallbackAnswer((await click).callbackQuery.id)).text;

beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7" } });
  const qixing = await teamWithLeader(h, "Qixing North", "Qixing");
  const deputy = await userWithRole(h, "Deputy Qixing", { role: "deputy", teamId: qixing.teamId });
  const members = [];
  for (let i = 0; i < 4; i++) members.push((await activeMember(h, qixing.teamId, `Qixing ${i + 1}`)).user);
  h.setNow(`${NIGHT}T01:00:00Z`);
  await h.app.scheduler.run("plan-shifts");
  const [shift] = await h.database.db.select().from(shifts).where(and(eq(shifts.teamId, qixing.teamId), eq(shifts.night, NIGHT)));
  // Tonight the deputy leads: the findings go to the leader and to them.
  await handOverShift(contextFor(h.database.db, asPerson(await personIdOf(qixing.leader)), new Date(`${NIGHT}T01:00:00Z`)), shift!.id, await personIdOf(deputy));
  w.qixing = { ...qixing, deputy, members, shiftId: shift!.id };
  w.yuxin = await teamWithLeader(h, "Yuxin East", "Yuxin");
  w.supervisor = await userWithRole(h, "Supervisor Qixing", { role: "supervisor", townId: qixing.townId });
  w.coordinator = await userWithRole(h, "Coord Field", { role: "coordinator" });
  await outboxSettled(h.database.db);
  h.setNow(DURING_PATROL);
});
afterAll(async () => {
  await h?.close();
});

describe("a supervisor's /spotcheck", () => {
  it("When a supervisor records a visit with findings and photos, then the team's leader and tonight's shift leader get the findings and the album", async () => {
    const { supervisor, qixing } = w;
    const start = supervisor.cursor();
    await supervisor.send("/spotcheck");
    const pick = await supervisor.waitForMessage(/Which team did you visit\? Pick it/, { after: start });
    expect(pick.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual([`${qixing.teamId} · Qixing North Community · Qixing North Patrol`]);
    await supervisor.click(pick, /Qixing North Patrol/);
    await supervisor.click(await supervisor.waitForMessage(/Was Qixing North Patrol out on patrol/, { after: start }), "✅ Yes, out");
    await supervisor.waitForMessage(/How many of the team were there\? Send a number from 0 to 99/, { after: start });
    for (const wrong of ["a few", "120"]) {
      const before = supervisor.cursor();
      await supervisor.send(wrong);
      await supervisor.waitForMessage(/Please send the number of people present, a whole number from 0 to 99/, { after: before });
    }
    await supervisor.send("5");
    await supervisor.waitForMessage(/What did you find\?/, { after: start });
    await supervisor.send("Armbands worn by all; logbook not filled in since Monday.");
    const photos = await supervisor.waitForMessage(/Photos of what you found \(0 so far, up to 10\)/, { after: start });
    await supervisor.sendPhoto();
    await supervisor.waitForMessage(/Photo 1 of 10 added/, { after: start });
    await supervisor.sendPhoto();
    await supervisor.waitForMessage(/Photo 2 of 10 added/, { after: start });
    await supervisor.click(photos, "Done");
    await supervisor.click(await supervisor.waitForMessage(/Your rating of the team tonight/, { after: start }), "4 ★");
    const summary = await supervisor.waitForMessage(/Record it and send the findings/, { after: start });
    expect(summary.text).toContain("Spot check of Qixing · Qixing North Community · Qixing North Patrol");
    expect(summary.text).toContain("Out on patrol: yes · present: 5");
    expect(summary.text).toContain("Tonight's shift leader: Deputy Qixing");
    expect(summary.text).toContain("Rating: ★★★★☆");
    expect(summary.text).toContain("Photos: 2");

    const before = supervisor.cursor();
    await supervisor.click(summary, "✅ Confirm");
    await supervisor.waitForMessage(/Spot check recorded\. The findings went to 2 leaders\./, { after: before });
    await outboxSettled(h.database.db);

    const [visit] = await h.database.db.select().from(spotChecks).where(eq(spotChecks.teamId, qixing.teamId));
    expect(visit).toMatchObject({ shiftId: qixing.shiftId, night: NIGHT, teamOut: true, presentCount: 5, rating: 4, findings: "Armbands worn by all; logbook not filled in since Monday." });
    expect(await h.database.db.select().from(spotCheckPhotos).where(eq(spotCheckPhotos.spotCheckId, visit!.id))).toHaveLength(2);
    for (const lead of [qixing.leader, qixing.deputy]) {
      const findings = lead.messages().filter((m) => m.text?.startsWith("🔎 Spot check of"));
      expect(findings, `findings to ${lead.user.first_name}`).toHaveLength(1);
      expect(findings[0]!.text).toContain("by Supervisor Qixing");
      expect(findings[0]!.text).toContain("Out on patrol: yes · present: 5");
      expect(findings[0]!.text).toContain("Rating: ★★★★☆");
      expect(findings[0]!.text).toContain("logbook not filled in since Monday");
      const album = lead.messages().filter((m) => m.photo);
      expect(album, `photos to ${lead.user.first_name}`).toHaveLength(2);
      expect(album[0]!.caption).toBe("🔎 Spot check of Qixing North Patrol: photos");
    }
    for (const member of qixing.members) expect(member.messages().some((m) => m.text?.includes("Spot check"))).toBe(false);
  });

  it("When a supervisor names a team of another town, or forges its button, then it is refused and the dialog asks again", async () => {
    const { supervisor, yuxin } = w;
    const start = supervisor.cursor();
    await supervisor.send("/spotcheck");
    const pick = await supervisor.waitForMessage(/Which team did you visit\?/, { after: start });
    await supervisor.send("Yuxin East");
    await supervisor.waitForMessage(/Yuxin East Patrol is not in a town you supervise/, { after: start });
    const forged = supervisor.cursor();
    await supervisor.clickData(pick, `sc:t:${yuxin.teamId}`);
    await supervisor.waitForMessage(/Yuxin East Patrol is not in a town you supervise/, { after: forged });
    await expect(
      recordSpotCheck(contextFor(h.database.db, asPerson(await personIdOf(supervisor)), new Date(DURING_PATROL)), { teamId: yuxin.teamId, teamOut: true, presentCount: 4, findings: "forged", photoFileIds: [], rating: 5, clientKey: "forged-yuxin" }, "Asia/Shanghai"),
    ).rejects.toMatchObject({ reason: "spotcheck.outside_town" });
    await supervisor.send("/cancel");
    await supervisor.waitForMessage(/^Cancelled\.$/, { after: start });
    expect(await h.database.db.select().from(spotChecks).where(eq(spotChecks.teamId, yuxin.teamId))).toHaveLength(0);
  });

  it("When a volunteer or a team leader sends /spotcheck, then they are refused at the command", async () => {
    for (const user of [w.qixing.members[0]!, w.yuxin.leader]) {
      const before = user.cursor();
      await user.send("/spotcheck");
      await user.waitForMessage(/Spot checks are for town supervisors and coordinators\./, { after: before });
      const quiet = user.cursor();
      await user.send("4");
      // Not taken as a team number: the generic fallback, or, with a reminder open, its buttons again.
      await user.waitForMessage(/I did not understand/, { after: quiet });
    }
  });
});

describe("a coordinator's /spotcheck", () => {
  it("When the coordinator's Confirm arrives twice, then one visit is recorded and the leader gets one message; a team not out skips the headcount", async () => {
    const { coordinator, yuxin } = w;
    const start = coordinator.cursor();
    await coordinator.send("/spotcheck");
    await coordinator.waitForMessage(/Which team did you visit\? Send its number/, { after: start });
    await coordinator.send(String(yuxin.teamId));
    await coordinator.click(await coordinator.waitForMessage(/Was Yuxin East Patrol out on patrol/, { after: start }), "❌ No");
    await coordinator.waitForMessage(/What did you find\?/, { after: start });
    await coordinator.send("Nobody at the gathering point at 21:30; leader did not answer the phone.");
    await coordinator.click(await coordinator.waitForMessage(/Photos of what you found/, { after: start }), "Done");
    await coordinator.click(await coordinator.waitForMessage(/Your rating/, { after: start }), "1 ★");
    const summary = await coordinator.waitForMessage(/Record it and send the findings/, { after: start });
    expect(summary.text).toContain("Out on patrol: no · present: 0");
    expect(summary.text).toContain("Tonight's shift leader: –");

    const before = coordinator.cursor();
    const presses = await Promise.all([coordinator.click(summary, "✅ Confirm"), coordinator.click(summary, "✅ Confirm")]);
    const answers = await Promise.all(presses.map((p) => coordinator.waitForCallbackAnswer(p.callbackQuery.id)));
    expect(answers.map((a) => a.text ?? "")).toEqual(["", "This button no longer works."]);
    await coordinator.waitForMessage(/Spot check recorded\. The findings went to 1 leader\./, { after: before });
    expect(await answerTo(coordinator, coordinator.clickData(summary, "sc:ok"))).toBe("This button no longer works.");
    await outboxSettled(h.database.db);

    const visits = await h.database.db.select().from(spotChecks).where(eq(spotChecks.teamId, yuxin.teamId));
    expect(visits).toHaveLength(1);
    expect(visits[0]).toMatchObject({ teamOut: false, presentCount: 0, rating: 1, shiftId: null, night: NIGHT });
    expect(yuxin.leader.messages().filter((m) => m.text?.startsWith("🔎 Spot check of"))).toHaveLength(1);
    const queued = await h.database.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, `spotcheck:${visits[0]!.id}:${await personIdOf(yuxin.leader)}`));
    expect(queued).toHaveLength(1);

    // The verb itself, given the same confirmation again, records nothing new.
    const again = await recordSpotCheck(
      contextFor(h.database.db, asPerson(await personIdOf(coordinator)), new Date(DURING_PATROL)),
      { teamId: yuxin.teamId, teamOut: true, presentCount: 9, findings: "again", photoFileIds: [], rating: 5, clientKey: `spotcheck:${coordinator.id}:${summary.message_id}` },
      "Asia/Shanghai",
    );
    expect(again).toEqual({ spotCheckId: visits[0]!.id, created: false, recipients: 0 });
  });
});

describe("/spotchecks", () => {
  it("When the week's checks are listed, then a supervisor sees their towns' and the coordinator the district's", async () => {
    const before = w.supervisor.cursor();
    await w.supervisor.send("/spotchecks");
    const mine = await w.supervisor.waitForMessage(/Spot checks from/, { after: before });
    expect(mine.text).toMatch(/: 1\n/);
    expect(mine.text).toContain("Qixing North Patrol (Qixing)");
    expect(mine.text).toContain("✅ out · 5 present · ★★★★☆ · by Supervisor Qixing · 📷 2");
    expect(mine.text).not.toContain("Yuxin");

    const after = w.coordinator.cursor();
    await w.coordinator.send("/spotchecks");
    const all = await w.coordinator.waitForMessage(/Spot checks from/, { after });
    expect(all.text).toMatch(/: 2\n/);
    expect(all.text).toContain("❌ not out · 0 present · ★☆☆☆☆ · by Coord Field");

    const member = w.qixing.members[1]!;
    const quiet = member.cursor();
    await member.send("/spotchecks");
    await member.waitForMessage(/Spot checks are for town supervisors and coordinators/, { after: quiet });
  });
});

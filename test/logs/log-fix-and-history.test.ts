import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dutyLogCounts, dutyLogEntries, shifts } from "../../src/storage/schema/index.js";
import type { FakeGroup } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { moveClock, outboxSettled } from "../support/outbox-settled.js";
import { teamWithLeader, userWithRole } from "../support/world.js";
import { rowButtonData, teamTonight } from "./support.js";

let h: BotHarness;
let team: Awaited<ReturnType<typeof teamTonight>>;
let group: FakeGroup;
const NIGHT = "2027-05-10";

beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7" } });
  team = await teamTonight(h, "Ledger", NIGHT);
  await outboxSettled(h.database.db);
  group = h.fake.group({ id: -4_100_001, title: "Ledger patrol" });
  await group.send(team.leader, "/linkteam");
  await group.waitForMessage(/This group is now the chat of Ledger Patrol/);
});
afterAll(async () => {
  await h?.close();
});

const countsOf = async () => (await h.database.db.select().from(dutyLogCounts).where(eq(dutyLogCounts.shiftId, team.shift.id)))[0];

describe("correcting and attaching to the log in the group", () => {
  it("When the leader fixes figures with − and +, then each press sets its value once, a member's press is refused, and Done confirms; photos and voice notes are attached", async () => {
    h.setNow(`${NIGHT}T12:40:00Z`);
    const member = team.members[0]!;
    const start = group.cursor();
    await group.send(team.leader, "6人巡逻，发现隐患2处");
    const shown = await group.waitForMessage(/Log of the night patrol/, { after: start });
    const quiet = group.messages().length;
    await group.sendPhoto(member, { caption: "我的自拍" });
    await group.sendPhoto(team.leader, { caption: "路口井盖松动" });
    await group.sendVoice(team.leader);
    expect(group.messages().length, "attachments are taken quietly").toBe(quiet);

    const refused = await group.click(member, shown, /Fix/);
    expect((await member.waitForCallbackAnswer(refused.callbackQuery.id)).text).toMatch(/not|only/i);
    await group.click(team.leader, shown, /Fix/);
    let fix = await group.waitForMessage((m) => m.message_id === shown.message_id && /Tap − or \+/.test(m.text ?? ""));
    expect(fix.text).toContain("on patrol 6 · hazards 2 · tips – · helped – · disputes –");

    const hazardsUp = rowButtonData(fix, /^hazards/, "+");
    await group.clickData(team.leader, fix, hazardsUp);
    await group.clickData(team.leader, fix, hazardsUp); // the same press delivered twice
    fix = await group.waitForMessage((m) => m.message_id === shown.message_id && /hazards 3 · tips – · helped –/.test(m.text ?? ""));
    await group.clickData(team.leader, fix, rowButtonData(fix, /^helped/, "+"));
    fix = await group.waitForMessage((m) => m.message_id === shown.message_id && /helped 1/.test(m.text ?? ""));
    await group.clickData(team.leader, fix, rowButtonData(fix, /^on patrol/, "−"));
    fix = await group.waitForMessage((m) => m.message_id === shown.message_id && /on patrol 5/.test(m.text ?? ""));

    const forged = await group.clickData(member, fix, `lg:set:${team.shift.id}:0:50`);
    expect((await member.waitForCallbackAnswer(forged.callbackQuery.id)).show_alert).toBe(true);
    const nonsense = await group.clickData(team.leader, fix, `lg:set:${team.shift.id}:7:1`);
    expect((await team.leader.waitForCallbackAnswer(nonsense.callbackQuery.id)).text).toMatch(/whole number/);

    await group.click(team.leader, fix, /Done/);
    const done = await group.waitForMessage((m) => m.message_id === shown.message_id && /✅ on patrol 5/.test(m.text ?? ""));
    expect(done.text).toContain("✅ on patrol 5 · hazards 3 · tips – · helped 1 · disputes –");
    expect(done.text).toContain("Photos 1 · voice notes 1");
    const counts = await countsOf();
    expect({ onPatrol: counts?.onPatrol, hazards: counts?.hazards, helped: counts?.helped, tips: counts?.tips }).toEqual({ onPatrol: 5, hazards: 3, helped: 1, tips: null });
    expect(counts?.confirmedAt).not.toBeNull();
    const entries = await h.database.db.select({ kind: dutyLogEntries.kind, text: dutyLogEntries.text }).from(dutyLogEntries).where(eq(dutyLogEntries.shiftId, team.shift.id));
    expect(entries).toEqual([
      { kind: "text", text: "6人巡逻，发现隐患2处" },
      { kind: "photo", text: "路口井盖松动" },
      { kind: "voice", text: null },
    ]);
  });
});

describe("a log left open", () => {
  it("When the log is still open half an hour after the end, then the leader is paged, and closing it settles the page", async () => {
    const end = team.shift.endsAt.getTime();
    const at = (minutes: number) => moveClock(h, new Date(end + minutes * 60_000));
    await at(29);
    await h.app.scheduler.run("missing-logs");
    await at(31);
    const before = team.leader.cursor();
    await h.app.scheduler.run("missing-logs");
    const card = await team.leader.waitForMessage(/the duty log of the night patrol on .* is not closed/, { after: before });
    await h.app.scheduler.run("missing-logs");
    expect(team.leader.messages().filter((m) => /is not closed/.test(m.text ?? ""))).toHaveLength(1);

    await at(40);
    const summary = group.messages().find((m) => /Log of the night patrol/.test(m.text ?? ""))!;
    await group.click(team.leader, summary, /Close log/);
    await group.waitForMessage((m) => m.message_id === summary.message_id && /\(closed\)/.test(m.text ?? ""));
    await at(95);
    await h.app.scheduler.run("escalations");
    await team.leader.waitForMessage((m) => m.message_id === card.message_id && /No longer needed/.test(m.text ?? ""));
    const [shift] = await h.database.db.select({ closed: shifts.logClosedAt }).from(shifts).where(eq(shifts.id, team.shift.id));
    expect(shift!.closed).not.toBeNull();
  });
});

describe("reading past logs", () => {
  it("When a leader asks for /logs, then the week's nights are listed and a night opens in full with its photos and voice notes", async () => {
    h.setNow("2027-05-12T04:00:00Z");
    const before = team.leader.cursor();
    await team.leader.send("/logs");
    const list = await team.leader.waitForMessage(/Logs of .*Ledger Patrol, last 7 nights/, { after: before });
    expect(list.text).toMatch(/10 May night patrol: 📕 closed · on patrol 5 · hazards 3/);
    expect(list.text!.split("\n"), "one line per night with a shift").toHaveLength(2);

    const opened = team.leader.cursor();
    await team.leader.click(list, /10 May/);
    const full = await team.leader.waitForMessage(/Log of the night patrol of .*\(closed\)/, { after: opened });
    expect(full.text).toMatch(/20:40 Leader Ledger: 6人巡逻，发现隐患2处/);
    expect(full.text).toMatch(/20:40 Leader Ledger: 📷 photo: 路口井盖松动/);
    await team.leader.waitForMessage((m) => m.photo !== undefined && m.caption === "路口井盖松动", { after: opened });
    await team.leader.waitForMessage((m) => m.voice !== undefined, { after: opened });
  });

  it("When a supervisor names the team and the night, then they read it; another town's supervisor, a volunteer and a bad date are refused", async () => {
    h.setNow("2027-05-12T04:00:00Z");
    const supervisor = await userWithRole(h, "Sup Fengqiao", { role: "supervisor", townId: team.townId });
    await supervisor.send(`/logs ${team.teamId} ${NIGHT}`);
    const full = await supervisor.waitForMessage(/Log of the night patrol of .*Ledger/);
    expect(full.text).toContain("6人巡逻，发现隐患2处");

    const elsewhere = await teamWithLeader(h, "Faraway", "Elsewhere");
    const other = await userWithRole(h, "Sup Elsewhere", { role: "supervisor", townId: elsewhere.townId });
    await other.send(`/logs ${team.teamId}`);
    await other.waitForMessage(/Only the team's leaders, its town's supervisors and the coordinators can read its logs/);
    const member = team.members[1]!;
    await member.send(`/logs ${team.teamId} ${NIGHT}`);
    await member.waitForMessage(/Only the team's leaders, its town's supervisors/);
    await team.leader.send("/logs 2027-02-30");
    await team.leader.waitForMessage(/Give the date as YYYY-MM-DD/);
    await supervisor.send(`/logs ${team.teamId} 2027-05-09`);
    await supervisor.waitForMessage(/had no shift on/);
  });
});

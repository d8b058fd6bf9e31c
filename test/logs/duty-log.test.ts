import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dutyLogEntries, shifts } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { outboxSettled } from "../support/outbox-settled.js";
import { teamTonight as teamTonightIn } from "./support.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ env: { ROTA_DAYS_AHEAD: "1", WEEKLY_CAP: "7", LOG_GRACE_MINUTES: "30" } });
});
afterAll(async () => {
  await h?.close();
});

const teamTonight = (name: string, night: string) => teamTonightIn(h, name, night);

describe("the duty log in the team's group", () => {
  it("When the shift leader writes in the linked group, then the figures are shown to confirm and the log can be closed; the others' chat is not the log", async () => {
    const team = await teamTonight("Logbook", "2027-04-12");
    await outboxSettled(h.database.db);
    const group = h.fake.group({ id: -4_000_001, title: "Logbook patrol" });
    const member = team.members[0]!;

    await group.send(member, "/linkteam");
    await group.waitForMessage(/Only a team's leader or deputy can link its group/);
    await group.send(team.leader, "/linkteam");
    await group.waitForMessage(/This group is now the chat of Logbook Patrol/);

    h.setNow("2027-04-12T12:40:00Z"); // 20:40 in Shanghai, during the patrol
    const quiet = group.cursor();
    const botMessages = group.messages().length;
    await group.send(member, "3人巡逻，我先回家了");
    await group.send(team.leader, "6人巡逻，发现隐患2处，帮助群众1人");
    const shown = await group.waitForMessage(/Log of the night patrol of/, { after: quiet });
    expect(group.messages().length, "the member's message got no answer").toBe(botMessages + 1);
    expect(shown.text).toContain("I understood: on patrol 6 · hazards 2 · tips – · helped 1 · disputes –");
    expect(shown.text).toMatch(/Not checked in: .*Logbook/);

    const forged = await group.click(member, shown, /Correct/);
    expect((await member.waitForCallbackAnswer(forged.callbackQuery.id)).text).toMatch(/not|only/i);
    await group.click(team.leader, shown, /Correct/);
    const confirmed = await group.waitForMessage((m) => m.message_id === shown.message_id && /✅ on patrol 6/.test(m.text ?? ""));
    await group.click(team.leader, confirmed, /Close log/);
    await group.waitForMessage((m) => m.message_id === shown.message_id && /\(closed\)/.test(m.text ?? ""));
    const [closed] = await h.database.db.select({ at: shifts.logClosedAt }).from(shifts).where(eq(shifts.id, team.shift.id));
    expect(closed!.at).not.toBeNull();

    await group.send(member, "/report");
    const toPrivate = await group.waitForMessage(/Reports go to the team leader and the police, not to this group/);
    const button = toPrivate.reply_markup?.inline_keyboard[0]?.[0];
    expect(button && "url" in button ? button.url : undefined).toMatch(/^https:\/\/t\.me\/.+\?start=report$/);

    const shownBefore = group.messages().length;
    await group.send(team.leader, "补充：又帮助群众1人");
    expect(group.messages().length, "a closed log takes nothing more").toBe(shownBefore);
    const entries = await h.database.db.select({ text: dutyLogEntries.text }).from(dutyLogEntries).where(eq(dutyLogEntries.shiftId, team.shift.id));
    expect(entries.map((e) => e.text)).toEqual(["6人巡逻，发现隐患2处，帮助群众1人"]);
    h.setNow(null);
  });
});

describe("the duty log in a private chat", () => {
  it("When a leader answers the Tonight's log prompt, then it is the log; without a shift under way they are told so", async () => {
    const team = await teamTonight("Private Log", "2027-04-13");
    h.setNow("2027-04-13T08:00:00Z"); // 16:00, before the patrol
    await team.leader.send("/log 4 on patrol");
    await team.leader.waitForMessage(/You are not leading a shift whose log is open/);

    h.setNow("2027-04-13T15:30:00Z"); // 23:30
    const before = team.leader.cursor();
    await team.leader.send("/log");
    const prompt = await team.leader.waitForMessage(/Tonight's log: reply to this message/, { after: before });
    await team.leader.reply(prompt, "5 on patrol, no hazards, 1 tip for the police");
    const shown = await team.leader.waitForMessage(/Log of the night patrol/, { after: before });
    expect(shown.text).toContain("I understood: on patrol 5 · hazards 0 · tips 1 · helped – · disputes –");

    h.setNow("2027-04-13T16:20:00Z"); // 00:20, within LOG_GRACE_MINUTES of the end
    await team.leader.send("/log helped 2");
    await team.leader.waitForMessage(/helped 2/, { after: shown });
    h.setNow("2027-04-13T16:31:00Z");
    const late = team.leader.cursor();
    await team.leader.send("/log helped 3");
    await team.leader.waitForMessage(/not leading a shift whose log is open \(from its start until 30 minutes after its end\)/, { after: late });
    h.setNow(null);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, inviteCodeFrom, nextTelegramId, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

const rateLimited = (method: string) => h.fake.calls.filter((c) => c.method === method && c.response?.ok === false && c.response.error_code === 429).length;

describe("Telegram's flood limits inside dialogs", () => {
  it("When a signup's reply hits the per-chat flood limit, then it is sent after retry_after and the signup completes", async () => {
    const { leader } = await teamWithLeader(h, "Flood");
    const code = await inviteCodeFrom(leader);
    const wu = h.fake.user({ id: nextTelegramId(), first_name: "Wu", language_code: "en" });
    await wu.send(`/start j${code}`);
    await wu.waitForMessage(/What is your name/);

    const before = rateLimited("sendMessage");
    h.fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    await wu.send("Wu Gang");
    await wu.waitForMessage(/Share your phone number/);
    expect(rateLimited("sendMessage")).toBe(before + 1);

    // The dialog is still there: the contact is its answer, not a stranger's link request.
    await wu.shareContact();
    await wu.waitForMessage(/which weekdays/i);
    await wu.click("▫️ Tue");
    await wu.click("Done");
    await wu.click("✅ I agree");
    await wu.waitForMessage(/was sent to the team leaders/);
    expect(wu.messages().some((m) => /no registration/.test(m.text ?? ""))).toBe(false);
    expect(wu.messages().some((m) => /went wrong/i.test(m.text ?? ""))).toBe(false);
    const card = await leader.waitForMessage(/New volunteer/);
    expect(card.text).toContain("Wu Gang");
  });

  it("When a report's question hits the flood limit, then the report dialog goes on and the report is received", async () => {
    const team = await teamWithLeader(h, "FloodReport");
    const { user: he } = await activeMember(h, team.teamId, "He Ping");
    // The welcome goes out through the outbox; it must not be the message that gets the 429.
    await he.waitForMessage(/You are now a member/);
    await he.send("/report");
    const ask = await he.waitForMessage(/What are you reporting/);
    h.fake.failNext("sendMessage", { error_code: 429, retry_after: 1 });
    await he.click(ask, "⚠️ Hazard");
    await he.waitForMessage(/Describe what you found/);
    await he.send("A manhole cover is missing on Nanhu Road");
    await he.waitForMessage(/Send up to 5 photos/);
    await he.send("done");
    await he.waitForMessage(/Where is it/);
    await he.send("skip");
    const summary = await he.waitForMessage(/Your report:/);
    await he.click(summary, "✅ Send");
    await he.waitForMessage(/Report received/);
    await team.leader.waitForMessage(/manhole cover/);
  });
});

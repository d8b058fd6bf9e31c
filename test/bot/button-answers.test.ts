import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, inviteCodeFrom, nextTelegramId, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Presses a button and waits until the bot answered the press, so the client's spinner stops. */
async function pressAnswered(user: FakeUser, ...press: Parameters<FakeUser["click"]>) {
  const { callbackQuery } = await (user.click as (...args: Parameters<FakeUser["click"]>) => ReturnType<FakeUser["click"]>)(...press);
  return user.waitForCallbackAnswer(callbackQuery.id);
}

describe("every button press is answered", () => {
  it("When a volunteer presses a second category in the report dialog, then both presses are answered and the dialog goes on", async () => {
    const team = await teamWithLeader(h, "TwoPresses");
    const { user: lin } = await activeMember(h, team.teamId, "Lin Tao");
    await lin.send("/report");
    const ask = await lin.waitForMessage(/What are you reporting/);
    await pressAnswered(lin, ask, "⚠️ Hazard");
    await lin.waitForMessage(/Describe what you found/);
    await pressAnswered(lin, ask, "🕵️ Tip for police");
    await lin.send("The gate of the school is open at night");
    const photos = await lin.waitForMessage(/Send up to 5 photos/);
    await pressAnswered(lin, photos, "Done");
    await lin.waitForMessage(/Where is it/);
    // A stale Done from the photo step, pressed at the location step.
    await pressAnswered(lin, photos, "Done");
    await lin.send("skip");
    const summary = await lin.waitForMessage(/Your report:/);
    expect(summary.text).toContain("Hazard");
    await pressAnswered(lin, summary, "✅ Send");
    await lin.waitForMessage(/Report received/);
  });

  it("When buttons a signup step does not take are pressed, then each press is answered and the step still waits", async () => {
    const { leader } = await teamWithLeader(h, "SignupPresses");
    const code = await inviteCodeFrom(leader);
    const hans = h.fake.user({ id: nextTelegramId(), first_name: "Hans", language_code: "de" });
    await hans.send(`/start j${code}`);
    const languages = await hans.waitForMessage(/Choose your language/);
    await pressAnswered(hans, languages, "English");
    await hans.waitForMessage(/What is your name/);
    await pressAnswered(hans, languages, "中文");
    await hans.send("Hans Weber");
    await hans.waitForMessage(/Share your phone number/);
    await pressAnswered(hans, languages, "English");
    await hans.send("Skip");
    const days = await hans.waitForMessage(/which weekdays/i);
    await pressAnswered(hans, days, "▫️ Thu");
    await pressAnswered(hans, days, "Done");
    const consent = await hans.waitForMessage(/Do you agree/);
    await pressAnswered(hans, days, /Thu/);
    await pressAnswered(hans, consent, "✅ I agree");
    await hans.waitForMessage(/was sent to the team leaders/);
  });

  it("When a dialog's button is pressed after the dialog ended, or a button nobody knows, then the press is answered", async () => {
    const team = await teamWithLeader(h, "StalePresses");
    const { user: qian } = await activeMember(h, team.teamId, "Qian Li");
    await qian.send("/report");
    const ask = await qian.waitForMessage(/What are you reporting/);
    await qian.send("/cancel");
    await qian.waitForMessage(/Cancelled/);
    expect((await pressAnswered(qian, ask, "⚠️ Hazard")).text).toMatch(/no longer works/);
    const { callbackQuery } = await qian.clickData(ask, "zz:unknown");
    expect((await qian.waitForCallbackAnswer(callbackQuery.id)).text).toMatch(/no longer works/);
  });
});

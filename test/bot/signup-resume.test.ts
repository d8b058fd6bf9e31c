import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { inviteCodeFrom, nextTelegramId, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("the signup dialog across a restart and in other languages", () => {
  it("When the bot restarts in the middle of a signup, then the volunteer continues at the step they were on", async () => {
    const { leader } = await teamWithLeader(h, "Restart");
    const code = await inviteCodeFrom(leader);
    const zhou = h.fake.user({ id: nextTelegramId(), first_name: "Zhou", language_code: "en" });
    await zhou.send(`/start j${code}`);
    await zhou.send("Zhou Xun");
    await zhou.waitForMessage(/Share your phone number/);

    await h.restart();

    await zhou.shareContact();
    await zhou.waitForMessage(/which weekdays/i);
    await zhou.click("▫️ Fri");
    await zhou.click("Done");
    await zhou.click("✅ I agree");
    await zhou.waitForMessage(/was sent to the team leaders/);
    const card = await leader.waitForMessage(/New volunteer/);
    expect(card.text).toContain("Zhou Xun");
    expect(card.text).toContain("Fri");
  });

  it("When the user's language is neither Chinese nor English, then the dialog asks for a language first and continues in it", async () => {
    const { leader } = await teamWithLeader(h, "Language");
    const code = await inviteCodeFrom(leader);
    const hans = h.fake.user({ id: nextTelegramId(), first_name: "Hans", language_code: "de" });
    await hans.send(`/start j${code}`);
    await hans.waitForMessage(/Choose your language/);
    await hans.click("中文");
    await hans.waitForMessage(/请问您的姓名/);
    await hans.send("汉斯");
    await hans.waitForMessage(/请分享您的手机号/);
  });

  it("When a Chinese-speaking volunteer sends a photo instead of a name, then they get a hint in Chinese and the same question", async () => {
    const { leader } = await teamWithLeader(h, "Hint");
    const code = await inviteCodeFrom(leader);
    const mei = h.fake.user({ id: nextTelegramId(), first_name: "Mei", language_code: "zh-hans" });
    await mei.send(`/start j${code}`);
    await mei.waitForMessage(/请问您的姓名/);
    await mei.sendPhoto();
    await mei.waitForMessage(/请用文字回复/);
    await mei.send("梅");
    await mei.waitForMessage(/请分享您的手机号/);
  });

  it("When an invite was revoked, then opening it explains that and starts no dialog", async () => {
    const { leader } = await teamWithLeader(h, "Revoked");
    const code = await inviteCodeFrom(leader);
    const invite = leader.lastMessage()!;
    await leader.click(invite, "Revoke");
    const guest = h.fake.user({ id: nextTelegramId(), first_name: "Guest", language_code: "en" });
    await guest.send(`/start j${code}`);
    await guest.waitForMessage(/was withdrawn/);
    await guest.send("Some text");
    await guest.waitForMessage(/did not understand/);
  });
});

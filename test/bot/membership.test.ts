import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, people } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader } from "../support/world.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

describe("a volunteer's own exits and settings", () => {
  it("When a volunteer leaves after confirming, then the leader is told and /me shows no team", async () => {
    const { teamId, leader } = await teamWithLeader(h, "Leaving");
    const { user } = await activeMember(h, teamId, "Liu Yang");
    await user.send("/leave");
    await user.waitForMessage(/Which team do you want to leave/);
    await user.click("Leave Leaving Patrol");
    await user.waitForMessage(/You left Fengqiao · Leaving Community · Leaving Patrol/);
    await leader.waitForMessage(/Liu Yang left the team/);
    await user.send("/me");
    await user.waitForMessage(/not on a patrol team yet/);
  });

  it("When a volunteer asks to be forgotten, then name, phone and Telegram id are gone, the act is audited, and the leader is told", async () => {
    const { teamId, leader } = await teamWithLeader(h, "Forget");
    const { user, personId } = await activeMember(h, teamId, "Huang Lei", "8613955556666");
    await user.send("/forgetme");
    await user.click("Yes, delete my data");
    await user.waitForMessage(/personal data was deleted/);
    await leader.waitForMessage(/asked for their personal data to be deleted/);
    const [row] = await h.database.db.select().from(people).where(eq(people.id, personId));
    expect(row).toMatchObject({ name: null, phone: null, telegramId: null });
    expect(row?.forgottenAt).not.toBeNull();
    const audit = await h.database.db.select().from(auditLog).where(and(eq(auditLog.subjectType, "person"), eq(auditLog.subjectId, String(personId))));
    expect(audit.map((a) => a.action)).toContain("person.forget");
    expect(JSON.stringify(audit)).not.toContain("Huang Lei");
  });

  it("When a volunteer picks a language with /lang, then the bot answers in it from then on", async () => {
    const { teamId } = await teamWithLeader(h, "Lang");
    const { user } = await activeMember(h, teamId, "Lang User");
    await user.send("/lang");
    await user.click("中文");
    await user.waitForMessage(/已切换为中文/);
    await user.send("/me");
    await user.waitForMessage(/队伍：/);
  });

  it("When someone sends /cancel in the middle of a dialog, then it ends and plain text is no longer taken as an answer", async () => {
    const { leader } = await teamWithLeader(h, "Cancel");
    await leader.send("/invite");
    const invite = await leader.waitForMessage(/Invite link/);
    const code = /start=j([a-z2-9]{12})/.exec(invite.caption ?? "")![1];
    const { user } = await activeMember(h, (await teamWithLeader(h, "Cancel2")).teamId, "Someone");
    await user.send(`/start j${code}`);
    await user.waitForMessage(/What is your name/);
    await user.send("/cancel");
    await user.waitForMessage(/^Cancelled/);
    await user.send("Not a name");
    await user.waitForMessage(/did not understand/);
  });
});

describe("blocking the bot", () => {
  it("When a volunteer blocks the bot, then they count as unreachable until they unblock it", async () => {
    const { teamId } = await teamWithLeader(h, "Blocker");
    const { user, personId } = await activeMember(h, teamId, "Blocker");
    const change = (old: "member" | "kicked", status: "member" | "kicked") =>
      h.fake.pushUpdate({
        my_chat_member: {
          chat: user.chat,
          from: user.user,
          date: Math.floor(Date.now() / 1000),
          old_chat_member: { status: old, user: { id: h.fake.botInfo.id, is_bot: true, first_name: "Shouye" } } as never,
          new_chat_member: { status, user: { id: h.fake.botInfo.id, is_bot: true, first_name: "Shouye" }, ...(status === "kicked" ? { until_date: 0 } : {}) } as never,
        },
      });
    const unreachable = async () => (await h.database.db.select().from(people).where(eq(people.id, personId)))[0]!.unreachableAt;
    await change("member", "kicked");
    expect(await unreachable()).not.toBeNull();
    await change("kicked", "member");
    expect(await unreachable()).toBeNull();
  });
});

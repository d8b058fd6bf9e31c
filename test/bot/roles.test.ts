import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { activeMember, teamWithLeader, userWithRole } from "../support/world.js";

const ADMIN = 424_242;
let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness({ admins: [ADMIN] });
});
afterAll(async () => {
  await h?.close();
});

describe("roles and scope on every command and button", () => {
  it("When someone sends /me, then the answer gives their Telegram id as it goes into ADMIN_TELEGRAM_IDS", async () => {
    const en = h.fake.user({ id: 5_123_456_789, first_name: "Wei", language_code: "en" });
    await en.send("/me");
    expect((await en.waitForMessage(/Telegram id/)).text).toContain("Your Telegram id: 5123456789 (");
    const zh = h.fake.user({ id: 5_123_456_790, first_name: "伟", language_code: "zh" });
    await zh.send("/me");
    expect((await zh.waitForMessage(/Telegram ID/)).text).toContain("您的 Telegram ID：5123456790（");
  });

  it("When a volunteer tries leader and coordinator commands, then each is refused", async () => {
    const { teamId } = await teamWithLeader(h, "Scope1");
    const { user } = await activeMember(h, teamId, "Volunteer One");
    const refusals = () => user.messages().filter((m) => /not allowed/.test(m.text ?? "")).length;
    await user.send("/invite");
    await user.waitForMessage(() => refusals() === 1);
    await user.send(`/team ${teamId}`);
    await user.waitForMessage(() => refusals() === 2);
    await user.send("/import");
    await user.waitForMessage(/Only district coordinators/);
  });

  it("When a leader names another team, then they are refused, and their own team shows members with phones", async () => {
    const a = await teamWithLeader(h, "ScopeA");
    const b = await teamWithLeader(h, "ScopeB");
    await activeMember(h, a.teamId, "Chen Jing", "8613911112222");
    await a.leader.send(`/team ${b.teamId}`);
    await a.leader.waitForMessage(/not allowed/);
    await a.leader.send(`/invite ${b.teamId}`);
    const refusals = () => a.leader.messages().filter((m) => /not allowed/.test(m.text ?? "")).length;
    await a.leader.waitForMessage(() => refusals() === 2);
    await a.leader.send("/team");
    const page = await a.leader.waitForMessage(/ScopeA Patrol: 1 active/);
    expect(page.text).toContain("Chen Jing · +8613911112222");
  });

  it("When a town supervisor looks at teams, then they see their town's teams without phones and not other towns' teams", async () => {
    const inTown = await teamWithLeader(h, "Town1Team", "Xinfeng");
    const elsewhere = await teamWithLeader(h, "Town2Team", "Daqiao");
    await activeMember(h, inTown.teamId, "Sun Li", "8613933334444");
    const { townId } = await ensureOrgPath(h.database.db, { town: "Xinfeng", community: "Town1Team Community", team: "Town1Team Patrol" });
    const supervisor = await userWithRole(h, "Supervisor", { role: "supervisor", townId });
    await supervisor.send(`/team ${inTown.teamId}`);
    const page = await supervisor.waitForMessage(/Town1Team Patrol: 1 active/);
    expect(page.text).toContain("Sun Li");
    expect(page.text).not.toContain("8613933334444");
    await supervisor.send(`/team ${elsewhere.teamId}`);
    await supervisor.waitForMessage(/not allowed/);
  });

  it("When a coordinator from ADMIN_TELEGRAM_IDS invites for any team by name, then the invite is made", async () => {
    await teamWithLeader(h, "Faraway", "Fengqiao");
    const admin = h.fake.user({ id: ADMIN, first_name: "Coordinator", language_code: "en" });
    await admin.send("/invite Faraway");
    const invite = await admin.waitForMessage(/Invite link for .*Faraway Patrol/);
    expect(invite.caption).toMatch(/https:\/\/t\.me\/shouye_test_bot\?start=j[a-z2-9]{12}/);
  });

  it("When a leader makes a member deputy, then the member is told, and a forged 'make leader' is refused", async () => {
    const { teamId, leader } = await teamWithLeader(h, "Deputy");
    const member = await activeMember(h, teamId, "Guo Wei");
    await leader.send("/team");
    const page = await leader.waitForMessage(/Deputy Patrol: 1 active/);
    await leader.click(page, "Guo Wei");
    const card = await leader.waitForMessage((m) => m.message_id === page.message_id && /Make deputy/.test(JSON.stringify(m.reply_markup)));
    await leader.click(card, "Make deputy");
    await member.user.waitForMessage(/deputy team leader of/);

    const { callbackQuery } = await leader.clickData(card, `tm:ld:${member.membershipId}`);
    const answer = await leader.waitForCallbackAnswer(callbackQuery.id);
    expect(answer.text).toMatch(/not allowed/);
  });

  it("When a leader of another team forges 'remove' for a member, then the member stays", async () => {
    const home = await teamWithLeader(h, "Home");
    const other = await teamWithLeader(h, "Other");
    const member = await activeMember(h, home.teamId, "Ma Li");
    await other.leader.send("/me");
    const last = await other.leader.waitForMessage(/Team leader of/);
    const { callbackQuery } = await other.leader.clickData(last, `tm:rmy:${member.membershipId}`);
    expect((await other.leader.waitForCallbackAnswer(callbackQuery.id)).text).toMatch(/not allowed/);
    await home.leader.send("/team");
    await home.leader.waitForMessage(/Home Patrol: 1 active/);
  });

  it("When roles change, then the person's command menu is pushed to their chat", async () => {
    const { teamId } = await teamWithLeader(h, "Menu");
    const member = await activeMember(h, teamId, "Menu Member");
    await h.fake.waitForCall("setMyCommands", (call) => (call.params as { scope?: { chat_id?: number } }).scope?.chat_id === member.user.id);
    const commands = h.fake.commands({ type: "chat", chat_id: member.user.id }).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["me", "leave", "forgetme"]));
    expect(commands).not.toContain("import");
  });
});

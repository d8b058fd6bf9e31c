import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantRole } from "../../src/access/grant-role.js";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import { memberships, people } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { contextFor, system } from "../support/domain.js";
import { decodeQr, readPoster } from "../support/qr-decode.js";

let h: BotHarness;
beforeAll(async () => {
  h = await startBotHarness();
});
afterAll(async () => {
  await h?.close();
});

let nextId = 5_000;
async function leaderOfNewTeam(name: string): Promise<{ leader: FakeUser; teamId: number }> {
  const { db } = h.database;
  const { teamId } = await ensureOrgPath(db, { town: "Fengqiao", community: `${name} Community`, team: `${name} Patrol` });
  const leader = h.fake.user({ id: ++nextId, first_name: `Leader ${name}`, language_code: "en" });
  const { personId } = await identifyTelegramUser(db, { id: leader.id, languageCode: "en" }, new Date());
  await grantRole(contextFor(db, system), { personId, role: "leader", teamId });
  return { leader, teamId };
}

async function inviteCode(leader: FakeUser): Promise<string> {
  await leader.send("/invite");
  const invite = await leader.waitForMessage(/Invite link for/);
  const link = /https:\/\/t\.me\/\S+/.exec(invite.caption ?? "")?.[0];
  const code = /start=j([a-z2-9]{12})/.exec(link ?? "")?.[1];
  expect(code).toBeDefined();
  // The printed QR code must open the same link.
  expect(decodeQr(h.fake.fileBytes(invite.document!.file_id)!)).toBe(link);
  return code!;
}

describe("invite posters", () => {
  it("When a leader of a team with a long name asks for an invite, then the code comes on an A5 poster: the team's name above it, a 4-module quiet zone, the instructions and the bot's name below", async () => {
    const { leader } = await leaderOfNewTeam("Xinxing Community Volunteer Night Patrol East District Second Group");
    await leader.send("/invite");
    const invite = await leader.waitForMessage(/Invite link for/);
    const link = /https:\/\/t\.me\/\S+/.exec(invite.caption ?? "")![0];
    const poster = readPoster(h.fake.fileBytes(invite.document!.file_id)!);
    expect(invite.document!.file_name, "sent as a file, as printed: a photo would be shrunk").toMatch(/\.png$/);
    expect(poster.link).toBe(link);
    expect(poster.width / poster.height, "A-series proportions, portrait").toBeCloseTo(1 / Math.SQRT2, 2);
    expect(poster.width, "about 300 dpi on A5").toBeGreaterThanOrEqual(1700);
    expect(poster.quietModules).toBeGreaterThanOrEqual(4);
    expect(poster.inkAbove, "the team's name is printed above the code").toBeGreaterThan(5000);
    expect(poster.inkBelow, "instructions in Chinese and English and the bot's name below it").toBeGreaterThan(5000);
  });
});

describe("signup through an invite link", () => {
  it("When a volunteer completes the dialog and the leader approves, then both see it and the member is active", async () => {
    const { leader } = await leaderOfNewTeam("Nanhu");
    const code = await inviteCode(leader);
    const wang = h.fake.user({ id: ++nextId, first_name: "Wang", language_code: "en" });

    await wang.send(`/start j${code}`);
    await wang.waitForMessage(/What is your name/);
    await wang.send("Wang Fang");
    await wang.waitForMessage(/Share your phone number/);
    await wang.sendContact({ phone_number: "8613900000001", user_id: 999_999 });
    await wang.waitForMessage(/not your own contact/);
    await wang.shareContact();
    await wang.waitForMessage(/which weekdays/i);
    await wang.click("▫️ Mon");
    await wang.click("▫️ Wed");
    await wang.click("Done");
    await wang.waitForMessage(/Do you agree/);
    await wang.click("✅ I agree");
    await wang.waitForMessage(/was sent to the team leaders/);

    const card = await leader.waitForMessage(/New volunteer for .*Nanhu Patrol/);
    expect(card.text).toContain("Wang Fang");
    expect(card.text).toContain("Mon, Wed");
    expect(card.text).toContain(wang.phone);

    await leader.click(card, "✅ Approve");
    await wang.waitForMessage(/You are now a member of the patrol team/);
    await leader.waitForMessage((m) => m.message_id === card.message_id && /Approved by Leader|Approved by -/.test(m.text ?? "") );
    const [row] = await h.database.db
      .select({ status: memberships.status })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(people.telegramId, wang.id));
    expect(row?.status).toBe("active");
  });

  it("When someone who is not a leader of the team presses Approve with forged data, then they are refused and nothing changes", async () => {
    const { leader } = await leaderOfNewTeam("Xinfeng");
    const { leader: otherLeader } = await leaderOfNewTeam("Qixing");
    const code = await inviteCode(leader);
    const li = h.fake.user({ id: ++nextId, first_name: "Li", language_code: "en" });
    await li.send(`/start j${code}`);
    await li.waitForMessage(/What is your name/);
    await li.send("Li Lei");
    await li.waitForMessage(/Share your phone number/);
    await li.send("Skip");
    await li.waitForMessage(/which weekdays/i);
    await li.click("▫️ Sat");
    await li.click("Done");
    await li.click("✅ I agree");
    await li.waitForMessage(/was sent to the team leaders/);
    const card = await leader.waitForMessage(/New volunteer for .*Xinfeng/);
    const approve = card.reply_markup!.inline_keyboard[0]![0]!;
    const data = "callback_data" in approve ? approve.callback_data : "";
    expect(data).toMatch(/^su:a:\d+$/);

    await otherLeader.send("/me");
    await otherLeader.waitForMessage(/Team leader of/);
    for (const intruder of [li, otherLeader]) {
      const { callbackQuery } = await intruder.clickData(intruder.lastMessage()!, data);
      const answer = await intruder.waitForCallbackAnswer(callbackQuery.id);
      expect(answer.text).toMatch(/not allowed/);
    }

    const [row] = await h.database.db
      .select({ status: memberships.status })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(people.telegramId, li.id));
    expect(row?.status).toBe("pending");
  });
});

import { expect } from "vitest";
import { grantRole } from "../../src/access/grant-role.js";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import type { BotHarness } from "./bot-harness.js";
import { contextFor, system } from "./domain.js";

let nextId = 10_000;
export const nextTelegramId = () => ++nextId;

/** A Telegram user the bot already knows, holding a role. */
export async function userWithRole(
  h: BotHarness,
  name: string,
  role?: { role: "leader" | "deputy" | "supervisor" | "coordinator" | "police"; teamId?: number; townId?: number },
  languageCode = "en",
): Promise<FakeUser> {
  const user = h.fake.user({ id: nextTelegramId(), first_name: name, language_code: languageCode });
  const { personId } = await identifyTelegramUser(h.database.db, { id: user.id, languageCode, name }, new Date());
  if (role) await grantRole(contextFor(h.database.db, system), { personId, ...role });
  return user;
}

/** A team of its own, with a leader who can use the bot. */
export async function teamWithLeader(h: BotHarness, name: string, town = "Fengqiao") {
  const ids = await ensureOrgPath(h.database.db, { town, community: `${name} Community`, team: `${name} Patrol` });
  const leader = await userWithRole(h, `Leader ${name}`, { role: "leader", teamId: ids.teamId });
  return { ...ids, leader };
}

export async function inviteCodeFrom(leader: FakeUser, args = ""): Promise<string> {
  await leader.send(`/invite${args ? ` ${args}` : ""}`);
  const invite = await leader.waitForMessage(/Invite link for|邀请链接/);
  const code = /start=j([a-z2-9]{12})/.exec(invite.caption ?? "")?.[1];
  expect(code, "invite caption carries a deep link").toBeDefined();
  return code!;
}

/** Walks a volunteer through the whole signup dialog in English. */
export async function signUp(volunteer: FakeUser, code: string, name: string, days: string[] = ["Mon"]) {
  await volunteer.send(`/start j${code}`);
  await volunteer.waitForMessage(/What is your name/);
  await volunteer.send(name);
  await volunteer.waitForMessage(/Share your phone number/);
  await volunteer.shareContact();
  await volunteer.waitForMessage(/which weekdays/i);
  for (const day of days) await volunteer.click(`▫️ ${day}`);
  await volunteer.click("Done");
  await volunteer.click("✅ I agree");
}

/** A volunteer already approved into a team, set up through the domain verbs. */
export async function activeMember(h: BotHarness, teamId: number, name: string, phone = `86139${String(nextId).padStart(8, "0")}`) {
  const { createInvite } = await import("../../src/roster/invites.js");
  const { submitSignup } = await import("../../src/roster/submit-signup.js");
  const { decideMembership } = await import("../../src/roster/decide-membership.js");
  const db = h.database.db;
  const user = h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "en" });
  const { personId } = await identifyTelegramUser(db, { id: user.id, languageCode: "en" }, new Date());
  const invite = await createInvite(contextFor(db, system), { teamId, ttlDays: 1 });
  const { membershipId } = await submitSignup(contextFor(db, { type: "person", personId }), { code: invite.code, name, phone, weekdays: 0b1111111, consent: true });
  await decideMembership(contextFor(db, system), { membershipId, decision: "approve" });
  return { user, personId, membershipId };
}

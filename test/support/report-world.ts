import { and, eq, like } from "drizzle-orm";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import { incidents, outbox } from "../../src/storage/schema/index.js";
import type { FakeUser } from "../../src/sandbox/telegram/index.js";
import type { BotHarness } from "./bot-harness.js";
import { contextFor, system } from "./domain.js";
import type { Lang } from "./reports.js";
import { activeMember, nextTelegramId, teamWithLeader, userWithRole } from "./world.js";

/**
 * A district-wide police officer and a coordinator. Every report of a test file that reaches the
 * police or the coordinators reaches these two as well; where they are not reached, their being
 * there is what makes "only the leader" mean something.
 */
export async function districtWide(h: BotHarness) {
  const districtPolice = await userWithRole(h, "Officer District", { role: "police" });
  const coordinator = await userWithRole(h, "Coord District", { role: "coordinator" });
  return { districtPolice, coordinator };
}

/** A team in a town of its own, so the town's police and supervisor hear of this team's reports only. */
export async function district(h: BotHarness, name: string, lang: Lang) {
  const path =
    lang === "zh" ? { town: `${name}镇`, community: `${name}社区`, team: `${name}巡防队` } : { town: `${name} Town`, community: `${name} Community`, team: `${name} Patrol` };
  const ids = await ensureOrgPath(h.database.db, path);
  const leader = await userWithRole(h, lang === "zh" ? `${name}队长` : `Leader ${name}`, { role: "leader", teamId: ids.teamId }, lang);
  const police = await userWithRole(h, lang === "zh" ? `${name}民警` : `Police ${name}`, { role: "police", townId: ids.townId }, lang);
  const supervisor = await userWithRole(h, lang === "zh" ? `${name}镇街干部` : `Supervisor ${name}`, { role: "supervisor", townId: ids.townId }, lang);
  return { ...ids, leader, police, supervisor, label: `${path.town} · ${path.community} · ${path.team}` };
}

/** An approved member whose Telegram speaks `lang`, set up through the domain verbs as activeMember does. */
export async function member(h: BotHarness, teamId: number, name: string, lang: Lang) {
  if (lang === "en") return activeMember(h, teamId, name);
  const { createInvite } = await import("../../src/roster/invites.js");
  const { submitSignup } = await import("../../src/roster/submit-signup.js");
  const { decideMembership } = await import("../../src/roster/decide-membership.js");
  const db = h.database.db;
  const user = h.fake.user({ id: nextTelegramId(), first_name: name, language_code: "zh" });
  const { personId } = await identifyTelegramUser(db, { id: user.id, languageCode: "zh" }, new Date());
  const invite = await createInvite(contextFor(db, system), { teamId, ttlDays: 1 });
  const phone = `86137${String(user.id).padStart(8, "0")}`;
  const { membershipId } = await submitSignup(contextFor(db, { type: "person", personId }), { code: invite.code, name, phone, weekdays: 0b1111111, consent: true });
  await decideMembership(contextFor(db, system), { membershipId, decision: "approve" });
  return { user, personId, membershipId };
}

/** A team with its leader and one English-speaking member to report with. */
export async function hazardTeam(h: BotHarness, name: string) {
  const team = await teamWithLeader(h, name, `${name} Town`);
  const { user: reporter, personId } = await activeMember(h, team.teamId, `Reporter ${name}`);
  return { team, reporter, personId };
}

/** Who holds a copy of the report's card: each copy is an outbox row of the card's group. */
export async function cardHolders(h: BotHarness, incidentId: number): Promise<number[]> {
  const rows = await h.database.db.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.groupKey, `incident:${incidentId}`));
  return rows.map((r) => r.chatId).sort((a, b) => a - b);
}

/** Report cards of any report that went to this chat. */
export async function cardsSentTo(h: BotHarness, user: FakeUser): Promise<number> {
  const rows = await h.database.db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.chatId, user.id), like(outbox.groupKey, "incident:%")));
  return rows.length;
}

export async function reportsBy(h: BotHarness, personId: number) {
  return h.database.db.select().from(incidents).where(eq(incidents.reporterPersonId, personId));
}

import { pino } from "pino";
import { grantRole } from "../../src/access/grant-role.js";
import type { Actor, DomainContext } from "../../src/domain/context.js";
import { ensureOrgPath, type OrgIds } from "../../src/org/ensure-org-path.js";
import { identifyTelegramUser } from "../../src/people/identify-telegram-user.js";
import type { Db } from "../../src/storage/db.js";

export const silentLogger = pino({ level: "silent" });

export const system: Actor = { type: "system", job: "test" };
export const asPerson = (personId: number): Actor => ({ type: "person", personId });

export function contextFor(db: Db, actor: Actor, now = new Date("2026-05-01T12:00:00Z")): DomainContext {
  return { db, actor, now, logger: silentLogger };
}

let counter = 0;
/** A team with its own town and community, named uniquely so tests in one file never collide. */
export async function makeTeam(db: Db, label = "team"): Promise<OrgIds> {
  counter += 1;
  const n = `${label}-${process.pid}-${counter}`;
  return ensureOrgPath(db, { town: `Town ${n}`, community: `Community ${n}`, team: `Team ${n}` });
}

let telegramIds = 700_000_000 + (process.pid % 1000) * 10_000;
/** A person who has written to the bot, optionally holding a role. */
export async function makePerson(db: Db, role?: { role: "leader" | "deputy" | "supervisor" | "coordinator" | "police"; teamId?: number; townId?: number }) {
  telegramIds += 1;
  const telegramId = telegramIds;
  const { personId } = await identifyTelegramUser(db, { id: telegramId, languageCode: "en" }, new Date());
  if (role) await grantRole(contextFor(db, system), { personId, ...role });
  return { personId, telegramId };
}

/** An active member of a team, written straight to the store: a fixture, not a signup. */
export async function addMember(db: Db, teamId: number, weekdays = 0b1111111, weeklyCap: number | null = null) {
  const { memberships } = await import("../../src/storage/schema/index.js");
  const person = await makePerson(db);
  const now = new Date();
  await db.insert(memberships).values({ personId: person.personId, teamId, status: "active", source: "import", weekdays, weeklyCap, createdAt: now, updatedAt: now });
  return person;
}

import type { Logger } from "pino";
import { grantRole } from "../../access/grant-role.js";
import type { Actor, DomainContext } from "../../domain/context.js";
import { linkTeamGroup } from "../../logs/link-team-group.js";
import { findTown } from "../../org/find-town.js";
import { listTowns } from "../../org/list-towns.js";
import { identifyTelegramUser } from "../../people/identify-telegram-user.js";
import { importRoster } from "../../roster/import-roster.js";
import { linkByPhone } from "../../roster/link-by-phone.js";
import type { PlanPolicy } from "../../shifts/generate-shifts.js";
import type { Db } from "../../storage/db.js";
import { DEMO_GROUP, DEMO_PEOPLE, type DemoPerson } from "./demo-people.js";

const SEEDER: Actor = { type: "system", job: "sandbox-demo" };

/**
 * Fills an empty store with the demo district through the same verbs an operator's actions take:
 * the coordinator's roster import (which plans the teams' nights from tonight), each member
 * linking their Telegram account by sharing their phone, role grants, and /linkteam in the first
 * team's group. Returns false, changing nothing, when the store already has a district.
 */
export async function seedDemoDistrict(db: Db, now: Date, logger: Logger, policy: PlanPolicy): Promise<boolean> {
  if ((await listTowns(db)).length > 0) return false;
  const as = (actor: Actor): DomainContext => ({ db, actor, now, logger });
  const personOf = async (person: DemoPerson) =>
    (await identifyTelegramUser(db, { id: person.telegramId, languageCode: person.language, name: person.name }, now)).personId;

  const members = DEMO_PEOPLE.filter((p) => p.team);
  const summary = await importRoster(as(SEEDER), rosterCsv(members), { planWith: policy });
  if (summary.skipped > 0) throw new Error(`the demo roster did not import cleanly: ${JSON.stringify(summary.errors)}`);
  for (const member of members) {
    await linkByPhone(as({ type: "person", personId: await personOf(member) }), `+86${member.phone}`);
  }

  for (const person of DEMO_PEOPLE.filter((p) => !p.team)) {
    const personId = await personOf(person);
    if (person.role === "coordinator" || person.role === "police") await grantRole(as(SEEDER), { personId, role: person.role });
    if (person.role === "supervisor") await grantRole(as(SEEDER), { personId, role: "supervisor", townId: (await findTown(db, person.town!)).townId });
  }

  const leader = members.find((p) => p.role === "leader" && p.team?.team === DEMO_GROUP.team.team)!;
  await linkTeamGroup(as({ type: "person", personId: await personOf(leader) }), DEMO_GROUP.id);
  logger.info({ people: DEMO_PEOPLE.length, teams: new Set(members.map((m) => m.team!.team)).size }, "sandbox: demo district seeded");
  return true;
}

/** The roster as a coordinator's spreadsheet would list it; every member may patrol any night. */
function rosterCsv(members: readonly DemoPerson[]): string {
  const rows = members.map((p) => [p.team!.town, p.team!.community, p.team!.team, p.name, p.phone!, p.role, "每天", p.affiliation ?? ""]);
  return [["town", "community", "team", "name", "phone", "role", "weekdays", "affiliation"], ...rows].map((row) => row.join(",")).join("\n");
}

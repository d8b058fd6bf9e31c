import { eq } from "drizzle-orm";
import type { Db } from "../../src/storage/db.js";
import { people } from "../../src/storage/schema/index.js";
import { addMember, makePerson } from "./domain.js";
import { seedServiceHistory } from "./service-history.js";
import { ensureOrgPath } from "../../src/org/ensure-org-path.js";

/**
 * One team, Yunxi Patrol in Daqiao, with the seeded volunteer 张三丰 (see service-history.ts), three
 * teammates who never check in, and its leader Qian Yi: everything the exports have to show.
 */
export async function exportWorld(db: Db) {
  const team = await ensureOrgPath(db, { town: "Daqiao", community: "Yunxi", team: "Yunxi Patrol" });
  const leader = await makePerson(db, { role: "leader", teamId: team.teamId });
  const members = [];
  for (let i = 0; i < 4; i++) members.push(await addMember(db, team.teamId));
  const volunteerId = members[0]!.personId;
  await db.update(people).set({ name: "Qian Yi" }).where(eq(people.id, leader.personId));
  await db.update(people).set({ name: "张三丰", affiliation: "嘉兴学院" }).where(eq(people.id, volunteerId));
  const history = await seedServiceHistory(db, team.teamId, volunteerId);
  return { ...team, volunteerId, leaderId: leader.personId, history };
}

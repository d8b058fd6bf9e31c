import { and, eq, inArray, isNotNull, isNull, type SQL } from "drizzle-orm";
import { getTeamScope } from "../org/team-scope.js";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people, roleGrants } from "../storage/schema/index.js";

async function holders(tx: Db, where: SQL | undefined): Promise<Recipient[]> {
  const rows = await tx
    .selectDistinct(recipientColumns)
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(isNull(roleGrants.revokedAt), isNotNull(people.telegramId), where));
  return rows.map(toRecipient).filter((r): r is Recipient => r !== null);
}

export type LeadLevel = "leads" | "supervisors" | "coordinators";

/**
 * Who handles a team's volunteers: its leaders and deputies. A team that has none yet falls back
 * to its town's supervisors, then to the coordinators, so a signup never waits unseen. The level
 * tells callers what the recipients may see (supervisors do not see phone numbers).
 */
export async function teamLeadRecipients(tx: Db, teamId: number): Promise<{ level: LeadLevel; recipients: Recipient[] }> {
  const leads = await holders(tx, and(eq(roleGrants.teamId, teamId), inArray(roleGrants.role, ["leader", "deputy"])));
  if (leads.length > 0) return { level: "leads", recipients: leads };
  const { townId } = await getTeamScope(tx, teamId);
  const supervisors = await holders(tx, and(eq(roleGrants.townId, townId), eq(roleGrants.role, "supervisor")));
  if (supervisors.length > 0) return { level: "supervisors", recipients: supervisors };
  return { level: "coordinators", recipients: await holders(tx, eq(roleGrants.role, "coordinator")) };
}

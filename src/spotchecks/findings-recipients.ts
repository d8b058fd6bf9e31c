import { and, eq, inArray, isNotNull, isNull, ne, or } from "drizzle-orm";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people, roleGrants } from "../storage/schema/index.js";

/**
 * Who hears a visit's findings: the team's leaders and tonight's shift leader (a deputy leading
 * tonight); a team without a leader, its deputies. Not the visitor, who wrote them.
 */
export async function findingsRecipients(tx: Db, teamId: number, shiftLeaderId: number | null, visitorId: number): Promise<Recipient[]> {
  const grantHolders = (role: "leader" | "deputy") =>
    tx.select({ id: roleGrants.personId }).from(roleGrants).where(and(eq(roleGrants.teamId, teamId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)));
  const select = (who: ReturnType<typeof or>) =>
    tx.selectDistinct(recipientColumns).from(people).where(and(who, isNotNull(people.telegramId), isNull(people.forgottenAt), ne(people.id, visitorId)));
  const tonight = shiftLeaderId !== null ? eq(people.id, shiftLeaderId) : undefined;
  let rows = await select(or(inArray(people.id, grantHolders("leader")), tonight));
  if (rows.length === 0) rows = await select(inArray(people.id, grantHolders("deputy")));
  return rows.map(toRecipient).filter((r): r is Recipient => r !== null);
}

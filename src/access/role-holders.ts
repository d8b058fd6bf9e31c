import { and, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people, roleGrants } from "../storage/schema/index.js";

export interface RoleHolder {
  to: Recipient;
  teamId: number | null;
  townId: number | null;
}

/** Everyone holding `role` who can be written to, once per grant (a leader of two teams twice). */
export async function roleHolders(db: Db, role: "coordinator" | "supervisor" | "leader", townIds?: number[]): Promise<RoleHolder[]> {
  if (townIds?.length === 0) return [];
  const rows = await db
    .select({ ...recipientColumns, teamId: roleGrants.teamId, townId: roleGrants.townId })
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(eq(roleGrants.role, role), isNull(roleGrants.revokedAt), isNotNull(people.telegramId), isNull(people.forgottenAt), townIds ? inArray(roleGrants.townId, townIds) : undefined));
  return rows.flatMap((r) => {
    const to = toRecipient(r);
    return to ? [{ to, teamId: r.teamId, townId: r.townId }] : [];
  });
}


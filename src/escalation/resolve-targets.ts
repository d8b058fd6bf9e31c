import { and, eq, inArray, isNotNull, isNull, or, type SQL } from "drizzle-orm";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people, roleGrants, shifts } from "../storage/schema/index.js";
import type { Target } from "./policy-schema.js";

/** Where the escalated thing sits: it decides which leaders, supervisors and police are meant. */
export interface EscalationScope {
  teamId: number | null;
  townId: number | null;
  shiftId: number | null;
}

const reachable = and(isNotNull(people.telegramId), isNull(people.forgottenAt));

async function grantHolders(tx: Db, where: SQL | undefined): Promise<Recipient[]> {
  const rows = await tx
    .selectDistinct(recipientColumns)
    .from(roleGrants)
    .innerJoin(people, eq(people.id, roleGrants.personId))
    .where(and(isNull(roleGrants.revokedAt), reachable, where));
  return rows.map(toRecipient).filter((r): r is Recipient => r !== null);
}

async function resolveTarget(tx: Db, target: Target, scope: EscalationScope): Promise<Recipient[]> {
  if (typeof target === "object") {
    const rows = await tx.select(recipientColumns).from(people).where(and(eq(people.id, target.person), reachable));
    return rows.map(toRecipient).filter((r): r is Recipient => r !== null);
  }
  switch (target) {
    case "shift_leader": {
      if (scope.shiftId === null) return [];
      const rows = await tx
        .select(recipientColumns)
        .from(shifts)
        .innerJoin(people, eq(people.id, shifts.leaderPersonId))
        .where(and(eq(shifts.id, scope.shiftId), reachable));
      return rows.map(toRecipient).filter((r): r is Recipient => r !== null);
    }
    case "leaders":
      return scope.teamId === null ? [] : grantHolders(tx, and(eq(roleGrants.teamId, scope.teamId), inArray(roleGrants.role, ["leader", "deputy"])));
    case "supervisors":
      return scope.townId === null ? [] : grantHolders(tx, and(eq(roleGrants.townId, scope.townId), eq(roleGrants.role, "supervisor")));
    case "police":
      // District-wide liaisons see everything; a town's liaison sees that town's items.
      return grantHolders(tx, and(eq(roleGrants.role, "police"), scope.townId === null ? isNull(roleGrants.townId) : or(isNull(roleGrants.townId), eq(roleGrants.townId, scope.townId))));
    case "coordinators":
      return grantHolders(tx, eq(roleGrants.role, "coordinator"));
  }
}

/** Everyone a level names, once each, leaving out `except` (who raised the item). */
export async function resolveTargets(tx: Db, targets: Target[], scope: EscalationScope, except: number | null): Promise<Recipient[]> {
  const byPerson = new Map<number, Recipient>();
  for (const target of targets) {
    for (const r of await resolveTarget(tx, target, scope)) if (r.personId !== except) byPerson.set(r.personId!, r);
  }
  return [...byPerson.values()];
}

import { and, eq, sql } from "drizzle-orm";
import { isCoordinator, leadsTeam, supervisesTown, type Access } from "../access/access.js";
import type { Db } from "../storage/db.js";
import { escalationSteps } from "../storage/schema/index.js";

/** Police liaisons without a town serve the whole district; others their own town. */
export const policeFor = (access: Access, townId: number | null) =>
  access.grants.some((g) => g.role === "police" && (g.townId === null || g.townId === townId));

/** Holds a role over the item's place: its team's leads, its town's supervisor, a coordinator. */
export function commandsScope(access: Access, scope: { teamId: number | null; townId: number | null }): boolean {
  if (isCoordinator(access)) return true;
  if (scope.teamId !== null && leadsTeam(access, scope.teamId)) return true;
  return scope.townId !== null && supervisesTown(access, scope.townId);
}

/** Someone a policy named was told by name; that lets them act on this one item. */
export async function wasNotified(tx: Db, escalationId: number, personId: number): Promise<boolean> {
  const [row] = await tx
    .select({ id: escalationSteps.id })
    .from(escalationSteps)
    .where(and(eq(escalationSteps.escalationId, escalationId), sql`${personId} = any(${escalationSteps.notified})`))
    .limit(1);
  return row !== undefined;
}

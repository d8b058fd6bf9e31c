import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import type { SubjectKind } from "./subject.js";

/**
 * Marks the live (or exhausted) escalations of a subject as owned and stops their steps. One
 * conditional update, so of two people acknowledging at once exactly one becomes the owner.
 * A call for help may be raised again after the last one ran out, so there can be several:
 * all are owned, and the newest one's id is returned; null when there was nothing left to own.
 */
export async function ownEscalation(tx: Db, subject: SubjectKind, subjectId: number, personId: number | null, now: Date): Promise<number | null> {
  const owned = await tx
    .update(escalations)
    .set({ status: "owned", ownerPersonId: personId, ownedAt: now })
    .where(and(eq(escalations.subject, subject), eq(escalations.subjectId, subjectId), inArray(escalations.status, ["active", "exhausted"])))
    .returning({ id: escalations.id });
  if (owned.length === 0) return null;
  const ids = owned.map((o) => o.id);
  await tx.update(escalationSteps).set({ status: "cancelled", handledAt: now }).where(and(inArray(escalationSteps.escalationId, ids), eq(escalationSteps.status, "pending")));
  return Math.max(...ids);
}

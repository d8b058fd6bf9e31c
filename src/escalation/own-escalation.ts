import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import type { SubjectKind } from "./subject.js";

/**
 * Marks the live (or exhausted) escalation of a subject as owned and stops its steps. One
 * conditional update, so of two people acknowledging at once exactly one becomes the owner.
 * Returns the escalation's id, or null when there was nothing left to own.
 */
export async function ownEscalation(tx: Db, subject: SubjectKind, subjectId: number, personId: number | null, now: Date): Promise<number | null> {
  const [owned] = await tx
    .update(escalations)
    .set({ status: "owned", ownerPersonId: personId, ownedAt: now })
    .where(and(eq(escalations.subject, subject), eq(escalations.subjectId, subjectId), inArray(escalations.status, ["active", "exhausted"])))
    .returning({ id: escalations.id });
  if (!owned) return null;
  await tx.update(escalationSteps).set({ status: "cancelled", handledAt: now }).where(and(eq(escalationSteps.escalationId, owned.id), eq(escalationSteps.status, "pending")));
  return owned.id;
}

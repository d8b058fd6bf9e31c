import type { Actor } from "../domain/context.js";
import type { Db } from "../storage/db.js";
import { auditLog } from "../storage/schema/index.js";

export interface AuditEntry {
  action: string;
  subjectType: string;
  subjectId: string | number;
  before?: unknown;
  after?: unknown;
}

export function describeActor(actor: Actor): string {
  switch (actor.type) {
    case "person":
      return "person";
    case "system":
      return `system:${actor.job}`;
    case "cli":
      return `cli:${actor.user}`;
  }
}

/** Written inside the caller's transaction, so an act and its audit entry land together. */
export async function recordAudit(tx: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    at,
    actorPersonId: actor.type === "person" ? actor.personId : null,
    actor: describeActor(actor),
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: String(entry.subjectId),
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}

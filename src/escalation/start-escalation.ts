import type { Logger } from "pino";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import { loadPolicy } from "./policies.js";
import type { PolicyKey } from "./policy-schema.js";
import type { EscalationScope } from "./resolve-targets.js";
import { sendDueStepsOf } from "./run-escalations.js";
import type { SubjectKind } from "./subject.js";

export interface NewEscalation extends EscalationScope {
  policyKey: PolicyKey;
  subject: SubjectKind;
  subjectId: number;
  raisedBy: number | null;
}

/**
 * Starts walking a policy for something that needs an owner, and tells its first level at once,
 * inside the caller's transaction (the report and its first messages land together). Returns
 * null when the policy is switched off or the thing is already being escalated.
 */
export async function startEscalation(tx: Db, input: NewEscalation, now: Date, logger: Logger): Promise<number | null> {
  const policy = await loadPolicy(tx, input.policyKey);
  if (!policy.enabled) return null;
  const [created] = await tx
    .insert(escalations)
    .values({ ...input, startedAt: now })
    .onConflictDoNothing()
    .returning({ id: escalations.id });
  if (!created) return null;
  await tx.insert(escalationSteps).values({ escalationId: created.id, seq: 1, round: 0, level: 0, dueAt: now });
  await sendDueStepsOf(tx, created.id, now, logger);
  return created.id;
}

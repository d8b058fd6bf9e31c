import { and, desc, eq } from "drizzle-orm";
import type { Logger } from "pino";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import { loadPolicy } from "./policies.js";
import type { PolicyKey } from "./policy-schema.js";
import { sendDueStepsOf } from "./run-escalations.js";
import { nextPosition } from "./send-step.js";

/**
 * "Escalate now": the next level is told at once and the walk goes on from there, whether the item
 * was waiting, owned (the owner passes it up) or already given up on. Past the last level, the
 * last level is told again.
 */
export async function escalateNow(tx: Db, escalationId: number, now: Date, logger: Logger): Promise<void> {
  const [escalation] = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).for("update");
  if (!escalation) throw new Error(`escalation ${escalationId} vanished`);
  await tx.update(escalations).set({ status: "active", ownerPersonId: null, ownedAt: null, endedAt: null }).where(eq(escalations.id, escalationId));
  const pending = await tx.update(escalationSteps).set({ dueAt: now }).where(and(eq(escalationSteps.escalationId, escalationId), eq(escalationSteps.status, "pending"))).returning({ id: escalationSteps.id });
  if (pending.length === 0) {
    const policy = await loadPolicy(tx, escalation.policyKey as PolicyKey);
    const [last] = await tx.select().from(escalationSteps).where(eq(escalationSteps.escalationId, escalationId)).orderBy(desc(escalationSteps.seq)).limit(1);
    // A step cancelled by an acknowledgement was never sent: its level is the one to tell now,
    // else an owner passing the item up would skip the level right above them.
    const after = !last
      ? { round: 0, level: 0 }
      : last.status === "cancelled"
        ? { round: last.round, level: last.level }
        : nextPosition({ round: last.round, level: Math.min(last.level, policy.levels.length - 1) }, policy);
    const position = after.level < policy.levels.length ? after : { round: after.round, level: policy.levels.length - 1 };
    await tx.insert(escalationSteps).values({ escalationId, seq: (last?.seq ?? 0) + 1, ...position, dueAt: now });
  }
  await sendDueStepsOf(tx, escalationId, now, logger);
}

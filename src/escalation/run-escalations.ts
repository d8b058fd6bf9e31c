import { and, asc, eq, lte } from "drizzle-orm";
import type { Logger } from "pino";
import type { DomainContext } from "../domain/context.js";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import { sendStep } from "./send-step.js";

/**
 * The next due step with its escalation, both locked. SKIP LOCKED on both rows: a step whose
 * escalation is being acknowledged right now is left for the next run instead of waited for, so
 * the two transactions never wait on each other in opposite order.
 */
function claimDueStep(tx: Db, now: Date, escalationId?: number) {
  return tx
    .select({ step: escalationSteps, escalation: escalations })
    .from(escalationSteps)
    .innerJoin(escalations, eq(escalations.id, escalationSteps.escalationId))
    .where(and(eq(escalationSteps.status, "pending"), lte(escalationSteps.dueAt, now), escalationId === undefined ? undefined : eq(escalationSteps.escalationId, escalationId)))
    .orderBy(asc(escalationSteps.dueAt))
    .limit(1)
    .for("update", { skipLocked: true });
}

/** Sends the steps of one escalation that are due now (a new one, or one escalated by hand). */
export async function sendDueStepsOf(tx: Db, escalationId: number, now: Date, logger: Logger): Promise<void> {
  // Each level that names nobody schedules the next one at once; a policy has at most 8 × 11 steps.
  for (let i = 0; i < 100; i++) {
    const [due] = await claimDueStep(tx, now, escalationId);
    if (!due) return;
    await sendStep(tx, due.escalation, due.step, now, logger);
  }
}

/**
 * The scheduler's job: every due step, each in its own transaction, so one bad item never holds
 * up the others, and several instances share the work without sending a level twice.
 */
export async function runEscalations(ctx: DomainContext, limit = 500): Promise<number> {
  let handled = 0;
  while (handled < limit) {
    const claimed = await ctx.db.transaction(async (tx) => {
      const [due] = await claimDueStep(tx, ctx.now);
      if (!due) return false;
      await sendStep(tx, due.escalation, due.step, ctx.now, ctx.logger);
      return true;
    });
    if (!claimed) break;
    handled += 1;
  }
  return handled;
}

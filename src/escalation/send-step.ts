import { and, eq } from "drizzle-orm";
import type { Logger } from "pino";
import { editCardCopies } from "../outbox/edit-group.js";
import { enqueueMessages, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import type { Db } from "../storage/db.js";
import { escalationSteps, escalations } from "../storage/schema/index.js";
import { loadPolicy } from "./policies.js";
import type { Level, Policy, PolicyKey } from "./policy-schema.js";
import { resolveTargets } from "./resolve-targets.js";
import type { EscalationRow } from "./subject.js";
import { SUBJECTS } from "./subjects.js";

export type StepRow = typeof escalationSteps.$inferSelect;

/** Where the walk goes after a level: the next level, the first again (repeat), or the end. */
export function nextPosition(step: Pick<StepRow, "round" | "level">, policy: Pick<Policy, "levels" | "repeat">): { round: number; level: number } {
  if (step.level + 1 < policy.levels.length) return { round: step.round, level: step.level + 1 };
  if (step.round < policy.repeat) return { round: step.round + 1, level: 0 };
  return { round: step.round, level: policy.levels.length };
}

export async function loadEscalation(tx: Db, escalationId: number): Promise<EscalationRow> {
  const [row] = await tx.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!row) throw new Error(`escalation ${escalationId} vanished`);
  return row;
}

/** Shows the current state on every copy of the escalation's card. */
export async function refreshCards(tx: Db, escalationId: number, now: Date): Promise<void> {
  const escalation = await loadEscalation(tx, escalationId);
  const view = await SUBJECTS[escalation.subject].present(tx, escalation);
  await editCardCopies(tx, now, view.groupKey, view.text, view.buttons);
}

/** Ends an escalation that is still walking its levels; false when it already ended or is owned. */
export async function endEscalation(tx: Db, escalationId: number, status: "settled" | "exhausted", now: Date): Promise<boolean> {
  const ended = await tx
    .update(escalations)
    .set({ status, endedAt: now })
    .where(and(eq(escalations.id, escalationId), eq(escalations.status, "active")))
    .returning({ id: escalations.id, subject: escalations.subject });
  await tx.update(escalationSteps).set({ status: "cancelled", handledAt: now }).where(and(eq(escalationSteps.escalationId, escalationId), eq(escalationSteps.status, "pending")));
  // A report's card shows the report, not its escalation: nothing on it changed.
  if (ended.length > 0 && ended[0]!.subject !== "incident") await refreshCards(tx, escalationId, now);
  return ended.length > 0;
}

/** Everyone an escalation has told so far. */
export async function notifiedBefore(tx: Db, escalationId: number): Promise<Set<number>> {
  const rows = await tx.select({ notified: escalationSteps.notified }).from(escalationSteps).where(and(eq(escalationSteps.escalationId, escalationId), eq(escalationSteps.status, "sent")));
  return new Set(rows.flatMap((r) => r.notified));
}

async function notifyLevel(tx: Db, escalation: EscalationRow, step: StepRow, level: Level, now: Date): Promise<number[]> {
  const recipients = await resolveTargets(tx, level.targets, escalation, escalation.raisedBy);
  if (recipients.length === 0) return [];
  const earlier = await notifiedBefore(tx, escalation.id);
  const view = await SUBJECTS[escalation.subject].present(tx, escalation);
  const priority = view.urgent ? PRIORITY.urgent : PRIORITY.normal;
  const messages: OutboxMessage[] = [];
  for (const to of recipients) {
    const key = `esc:${escalation.id}:${step.seq}:${to.personId}`;
    if (!earlier.has(to.personId!)) view.attachments.forEach((payload, i) => messages.push({ to, payload, dedupeKey: `${key}:${i}`, priority }));
    messages.push({ to, payload: { kind: "message", text: view.text, buttons: await view.buttons(to.personId, true) }, dedupeKey: key, groupKey: view.groupKey, priority });
  }
  await enqueueMessages(tx, now, messages);
  return recipients.map((r) => r.personId!);
}

/**
 * Carries out one due step of an escalation the caller has locked: tells the level's people
 * (skipping at once to the next level when it names nobody), and schedules the next step, all in
 * the caller's transaction. A step past the last level ends the escalation as exhausted.
 */
export async function sendStep(tx: Db, escalation: EscalationRow, step: StepRow, now: Date, logger: Logger): Promise<void> {
  const done = (status: "sent" | "cancelled", notified: number[] = []) =>
    tx.update(escalationSteps).set({ status, handledAt: now, notified }).where(eq(escalationSteps.id, step.id));
  if (escalation.status !== "active") return void (await done("cancelled"));
  const settled = await SUBJECTS[escalation.subject].settledReason(tx, escalation, now);
  if (settled) {
    await done("cancelled");
    await endEscalation(tx, escalation.id, "settled", now);
    logger.info({ escalationId: escalation.id, reason: settled }, "escalation settled");
    return;
  }
  const policy = await loadPolicy(tx, escalation.policyKey as PolicyKey);
  const level = policy.levels[step.level];
  if (!level) {
    await done("sent");
    await endEscalation(tx, escalation.id, "exhausted", now);
    logger.warn({ escalationId: escalation.id, policy: policy.key }, "escalation exhausted: nobody acknowledged");
    return;
  }
  const notified = await notifyLevel(tx, escalation, step, level, now);
  await done("sent", notified);
  const next = nextPosition(step, policy);
  const wait = notified.length > 0 ? level.waitMinutes * 60_000 : 0;
  await tx.insert(escalationSteps).values({ escalationId: escalation.id, seq: step.seq + 1, ...next, dueAt: new Date(now.getTime() + wait) });
  logger.info({ escalationId: escalation.id, round: step.round, level: step.level, notified: notified.length }, "escalation step sent");
}

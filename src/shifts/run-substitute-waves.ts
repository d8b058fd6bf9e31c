import { and, asc, eq, isNull, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { assignments, openSlots, people, shifts } from "../storage/schema/index.js";
import { shiftLeadRecipients } from "./assignment-facts.js";
import { offerNextWave } from "./open-slot.js";
import type { ShiftPolicy } from "./policy.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

/**
 * Scheduler job for open slots: the next wave where the last one went unanswered, and one notice
 * to the leader for each slot still open when the deadline before the shift comes.
 */
export async function runSubstituteWaves(ctx: DomainContext, policy: ShiftPolicy): Promise<{ waves: number; noticed: number }> {
  return ctx.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: openSlots.id })
      .from(openSlots)
      .where(and(isNull(openSlots.filledAt), isNull(openSlots.closedAt), lte(openSlots.nextWaveAt, ctx.now)))
      .orderBy(asc(openSlots.nextWaveAt))
      .limit(200)
      .for("update", { skipLocked: true });
    for (const { id } of due) await offerNextWave(tx, ctx.now, id, policy);

    const deadline = new Date(ctx.now.getTime() + policy.missingNoticeMinutes * 60_000);
    const missing = await selectShiftFacts(tx, { slotId: openSlots.id, replaces: openSlots.replacesAssignmentId, name: people.name })
      .innerJoin(openSlots, eq(openSlots.shiftId, shifts.id))
      .leftJoin(assignments, eq(assignments.id, openSlots.replacesAssignmentId))
      .leftJoin(people, eq(people.id, assignments.personId))
      .where(and(isNull(openSlots.filledAt), isNull(openSlots.closedAt), isNull(openSlots.leaderToldAt), lte(shifts.startsAt, deadline)))
      .limit(200)
      .for("update", { of: openSlots, skipLocked: true });
    for (const slot of missing) {
      const leads = await shiftLeadRecipients(tx, slot);
      await enqueueMessages(
        tx,
        ctx.now,
        leads.map((to) => ({
          to,
          payload: { kind: "message" as const, text: { key: slot.name ? "notice-slot-missing-named" : "notice-slot-missing", args: { ...shiftArgs(slot), name: slot.name ?? "-" } } },
          dedupeKey: `missing:${slot.slotId}:${to.personId}`,
        })),
      );
      await tx.update(openSlots).set({ leaderToldAt: ctx.now }).where(eq(openSlots.id, slot.slotId));
    }
    return { waves: due.length, noticed: missing.length };
  });
}

import { and, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { assignments, people, shifts } from "../storage/schema/index.js";
import { shiftLeadRecipients } from "./assignment-facts.js";
import type { ShiftPolicy } from "./policy.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";
import { markBoardDirty } from "./board.js";

/**
 * Some minutes after the start, whoever is still on the shift but has not checked in is a
 * no-show; the leader gets one message per shift listing them. Counted per member from the rows.
 */
export async function markNoShows(ctx: DomainContext, policy: ShiftPolicy): Promise<number> {
  const cutoff = new Date(ctx.now.getTime() - policy.noShowAfterMinutes * 60_000);
  return ctx.db.transaction(async (tx) => {
    const missing = await selectShiftFacts(tx, { assignmentId: assignments.id, name: people.name })
      .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(lte(shifts.startsAt, cutoff), gt(shifts.endsAt, cutoff), isNull(shifts.cancelledAt), isNull(assignments.endedAt), isNull(assignments.checkedInAt), isNull(assignments.noShowAt)))
      .for("update", { of: assignments, skipLocked: true });
    if (missing.length === 0) return 0;
    await tx.update(assignments).set({ noShowAt: ctx.now }).where(inArray(assignments.id, missing.map((m) => m.assignmentId)));
    const byShift = new Map<number, typeof missing>();
    for (const m of missing) byShift.set(m.shiftId, [...(byShift.get(m.shiftId) ?? []), m]);
    for (const [shiftId, rows] of byShift) {
      await markBoardDirty(tx, shiftId, ctx.now);
      const first = rows[0]!;
      const names = rows.map((r) => r.name ?? "-").join(", ");
      const leads = await shiftLeadRecipients(tx, first);
      await enqueueMessages(
        tx,
        ctx.now,
        leads.map((to) => ({
          to,
          payload: { kind: "message" as const, text: { key: "notice-no-shows", args: { ...shiftArgs(first), names, count: rows.length } } },
          dedupeKey: `noshow:${shiftId}:${rows.map((r) => r.assignmentId).join(",")}:${to.personId}`,
        })),
      );
    }
    return missing.length;
  });
}

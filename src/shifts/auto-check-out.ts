import { and, eq, isNotNull, isNull, lte } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { assignments, people, shifts } from "../storage/schema/index.js";
import type { ShiftPolicy } from "./policy.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";
import { markBoardDirty } from "./board.js";

/**
 * Closes check-ins that were never checked out, at the shift's end, once the margin after it has
 * passed. They are flagged (autoCheckedOut) so reviews can tell, and the volunteer is told.
 */
export async function autoCheckOut(ctx: DomainContext, policy: ShiftPolicy): Promise<number> {
  const cutoff = new Date(ctx.now.getTime() - policy.autoCheckOutAfterMinutes * 60_000);
  return ctx.db.transaction(async (tx) => {
    const open = await selectShiftFacts(tx, { assignmentId: assignments.id, ...recipientColumns })
      .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(lte(shifts.endsAt, cutoff), isNotNull(assignments.checkedInAt), isNull(assignments.checkedOutAt), isNull(assignments.endedAt)))
      .limit(1000)
      .for("update", { of: assignments, skipLocked: true });
    for (const row of open) {
      await tx.update(assignments).set({ checkedOutAt: row.endsAt, autoCheckedOut: true }).where(eq(assignments.id, row.assignmentId));
      await markBoardDirty(tx, row.shiftId, ctx.now);
      const to = toRecipient(row);
      if (to) {
        await enqueueMessages(tx, ctx.now, [
          { to, payload: { kind: "message", text: { key: "notice-auto-checked-out", args: shiftArgs(row) } }, dedupeKey: `autocheckout:${row.assignmentId}` },
        ]);
      }
    }
    return open.length;
  });
}

import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { enqueueMessages } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { assignments, openSlots, people } from "../storage/schema/index.js";
import { closeSlots, offerClosedLine } from "./close-slots.js";
import { shiftArgs } from "./shift-facts.js";

export type StaffingCause = "level" | "headcount";

/**
 * Frees up to `howMany` people from a shift that needs fewer after the level (or the team's
 * headcount) was lowered: the most recently added first, never anyone who has checked in. Each is
 * told why; a substitute search for a freed place stops.
 */
export async function releaseAssignments(tx: Db, now: Date, shift: Parameters<typeof shiftArgs>[0] & { shiftId: number }, howMany: number, cause: StaffingCause = "level"): Promise<number> {
  const freed = await tx
    .select({ id: assignments.id })
    .from(assignments)
    .where(and(eq(assignments.shiftId, shift.shiftId), isNull(assignments.endedAt), isNull(assignments.checkedInAt)))
    .orderBy(desc(assignments.createdAt), desc(assignments.id))
    .limit(howMany);
  if (freed.length === 0) return 0;
  const ids = freed.map((f) => f.id);
  const ended = await tx
    .update(assignments)
    .set({ endedAt: now, endedReason: "level_lowered" })
    .where(and(inArray(assignments.id, ids), isNull(assignments.endedAt)))
    .returning({ id: assignments.id, personId: assignments.personId });
  const searches = await tx.select({ id: openSlots.id }).from(openSlots).where(inArray(openSlots.replacesAssignmentId, ids));
  await closeSlots(tx, now, searches.map((s) => s.id), offerClosedLine(now));
  const who = await tx.select(recipientColumns).from(people).where(inArray(people.id, ended.map((e) => e.personId)));
  await enqueueMessages(
    tx,
    now,
    who.flatMap((p) => {
      const to = toRecipient(p);
      return to ? [{ to, payload: { kind: "message" as const, text: { key: `notice-released-${cause}`, args: shiftArgs(shift) } }, dedupeKey: `released:${shift.shiftId}:${p.personId}` }] : [];
    }),
  );
  return ended.length;
}

import { and, count, eq, isNotNull, isNull } from "drizzle-orm";
import { escalationCard, escalationCardGroup } from "../escalation/escalation-card.js";
import type { EscalationRow, SubjectHandler } from "../escalation/subject.js";
import type { OutboxPayload } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { assignments, shifts } from "../storage/schema/index.js";
import { loadAssignment } from "./assignment-facts.js";
import { selectShiftFacts, shiftArgs } from "./shift-facts.js";

/** How many are out on the shift: checked in, or marked present by the leader. */
export async function presentCount(tx: Db, shiftId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(assignments)
    .where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt), isNotNull(assignments.checkedInAt)));
  return row?.n ?? 0;
}

async function shiftOf(tx: Db, escalation: EscalationRow) {
  const [shift] = await selectShiftFacts(tx, { logClosedAt: shifts.logClosedAt }).where(eq(shifts.id, escalation.shiftId!));
  if (!shift) throw new Error(`escalation ${escalation.id} names no shift`);
  return shift;
}

function shiftSubject(bodyKey: string, settled: (shift: Awaited<ReturnType<typeof shiftOf>>, tx: Db, now: Date) => Promise<string | null>): SubjectHandler {
  return {
    async present(tx, escalation) {
      const shift = await shiftOf(tx, escalation);
      const body = { key: bodyKey, args: { ...shiftArgs(shift), required: shift.required, present: await presentCount(tx, shift.shiftId) } };
      return { attachments: [], ...(await escalationCard(tx, escalation, body)), groupKey: escalationCardGroup(escalation.id), urgent: false };
    },
    async settledReason(tx, escalation, now) {
      const shift = await shiftOf(tx, escalation);
      if (shift.cancelledAt) return "shift cancelled";
      return settled(shift, tx, now);
    },
  };
}

/** A shift still short of people after its start; over once it is staffed or ends. */
export const understaffedSubject = shiftSubject("esc-understaffed", async (shift, tx, now) => {
  if (shift.endsAt <= now) return "shift over";
  return (await presentCount(tx, shift.shiftId)) >= shift.required ? "staffed" : null;
});

/** A duty log not closed after the shift; over once the log is closed. */
export const missingLogSubject = shiftSubject("esc-missing-log", async (shift) => (shift.logClosedAt ? "log closed" : null));

/** A volunteer's "I need help" during a shift; the subject is their assignment. */
export const helpSubject: SubjectHandler = {
  async present(tx, escalation) {
    const a = await loadAssignment(tx, escalation.subjectId);
    const [where] = await tx.select({ lat: assignments.checkInLatitude, lon: assignments.checkInLongitude }).from(assignments).where(eq(assignments.id, a.assignmentId));
    const pin: OutboxPayload[] = where?.lat != null && where.lon != null ? [{ kind: "location", latitude: where.lat, longitude: where.lon }] : [];
    const body = { key: "esc-help", args: { ...shiftArgs(a), name: a.name ?? "-", at: { datetime: escalation.startedAt.toISOString() } } };
    return { attachments: pin, ...(await escalationCard(tx, escalation, body)), groupKey: escalationCardGroup(escalation.id), urgent: true };
  },
  async settledReason(tx, escalation, now) {
    const a = await loadAssignment(tx, escalation.subjectId);
    // An unanswered call for help stays open through the night, not into the next day.
    return now.getTime() > a.endsAt.getTime() + 60 * 60_000 ? "shift over" : null;
  },
};

import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import { NotFoundError } from "../domain/errors.js";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { teamLeadRecipients } from "../roster/team-leads.js";
import type { Db } from "../storage/db.js";
import { assignments, people, shifts } from "../storage/schema/index.js";
import { selectShiftFacts, type ShiftFacts } from "./shift-facts.js";

/** Assignments with their shift and their volunteer, as every shift verb needs them. */
function selectAssignmentFacts(db: Db) {
  return selectShiftFacts(db, {
    assignmentId: assignments.id,
    reply: assignments.reply,
    lateMinutes: assignments.lateMinutes,
    checkedInAt: assignments.checkedInAt,
    checkedOutAt: assignments.checkedOutAt,
    endedAt: assignments.endedAt,
    name: people.name,
    ...recipientColumns,
  })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .innerJoin(people, eq(people.id, assignments.personId));
}

/** One assignment with its shift and its volunteer. */
export async function loadAssignment(db: Db, assignmentId: number) {
  const [row] = await selectAssignmentFacts(db).where(eq(assignments.id, assignmentId));
  if (!row) throw new NotFoundError("shift.not_found");
  return row;
}

/** The person's earliest shift that has not ended and starts by `startsBy`, in one query. */
export async function loadCurrentAssignment(db: Db, personId: number, now: Date, startsBy: Date): Promise<AssignmentFacts | undefined> {
  const [row] = await selectAssignmentFacts(db)
    .where(and(eq(assignments.personId, personId), isNull(assignments.endedAt), lte(shifts.startsAt, startsBy), gt(shifts.endsAt, now)))
    .orderBy(asc(shifts.startsAt))
    .limit(1);
  return row;
}
export type AssignmentFacts = Awaited<ReturnType<typeof loadAssignment>>;

/** Tonight's leader of a shift, or the team's leads when none is set. */
export async function shiftLeadRecipients(tx: Db, shift: Pick<ShiftFacts, "leaderPersonId" | "teamId">): Promise<Recipient[]> {
  if (shift.leaderPersonId !== null) {
    const [leader] = await tx.select(recipientColumns).from(people).where(eq(people.id, shift.leaderPersonId));
    const to = leader ? toRecipient(leader) : null;
    if (to) return [to];
  }
  return (await teamLeadRecipients(tx, shift.teamId)).recipients;
}

import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { noteEnqueued } from "../outbox/enqueue-notice.js";
import { boardDirtyMark } from "./board.js";
import { answeredLine, closeRemindersInsert } from "./close-reminders.js";
import type { Db } from "../storage/db.js";
import { preparedPerDb } from "../storage/prepared.js";
import { assignments, shifts } from "../storage/schema/index.js";
import { currentNights, isCurrentAssignment, selectAssignmentFacts, type AssignmentFacts } from "./assignment-facts.js";

/**
 * A check-in as one statement, since a 20:00 wave runs one per volunteer at once: find the
 * assignment (the one named, or the person's shift whose window is open), record the check-in if
 * it is still allowed, mark the shift's live board, close the reminders it answers, and return
 * the assignment's facts as they were before, for the reply or for saying why not.
 */
function build(db: Db, target: "named" | "current") {
  const chosen = db.$with("chosen").as(
    target === "named"
      ? db.select({ id: assignments.id }).from(assignments).where(eq(assignments.id, sql.placeholder("assignmentId")))
      : db
          .select({ id: assignments.id })
          .from(assignments)
          .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
          .where(isCurrentAssignment())
          .orderBy(asc(shifts.startsAt))
          .limit(1),
  );
  const checked = db.$with("checked").as(
    db
      .update(assignments)
      .set({
        checkedInAt: sql`${sql.placeholder("now")}::timestamptz`,
        reply: sql`case when ${assignments.reply} = 'substitute' then ${assignments.reply} else 'coming'::assignment_reply end`,
        checkInLatitude: sql`coalesce(${sql.placeholder("latitude")}::double precision, ${assignments.checkInLatitude})`,
        checkInLongitude: sql`coalesce(${sql.placeholder("longitude")}::double precision, ${assignments.checkInLongitude})`,
      })
      .from(shifts)
      .where(
        and(
          inArray(assignments.id, db.select({ id: chosen.id }).from(chosen)),
          eq(shifts.id, assignments.shiftId),
          eq(assignments.personId, sql.placeholder("personId")),
          isNull(assignments.checkedInAt),
          isNull(assignments.endedAt),
          lte(shifts.startsAt, sql.placeholder("startsBy")),
          gt(shifts.endsAt, sql.placeholder("now")),
        ),
      )
      .returning({ id: assignments.id, shiftId: assignments.shiftId }),
  );
  // The check-in reminder loses its button, and the questions too if never answered (an answer
  // closed them already): `a` is the assignment as the statement found it, before the check-in.
  const closed = db.$with("closed", { id: sql<number>`id` }).as(
    closeRemindersInsert(
      sql`select ${checked.id} from ${checked}`,
      sql`(r.kind = 'checkin' or a.reply is null)`,
      sql`${sql.placeholder("closedLine")}`,
      sql`${sql.placeholder("now")}`,
    ),
  );
  const marked = db.$with("marked").as(
    // Only a board someone has opened: the others have nothing to redraw, and a wave's check-ins
    // then write no shift row at all, so they never wait on each other's row lock.
    db
      .update(shifts)
      .set({ boardDirtyAt: boardDirtyMark(sql`${sql.placeholder("now")}::timestamptz`) })
      .from(checked)
      .where(and(eq(shifts.id, checked.shiftId), isNotNull(shifts.boardDrawnAt)))
      .returning({ id: shifts.id }),
  );
  return selectAssignmentFacts(db.with(chosen, checked, closed, marked), {
    checkedInNow: sql<boolean>`exists (${db.select({ shiftId: checked.shiftId }).from(checked)})`,
    remindersClosed: sql<number>`(select count(*) from closed)::int`,
  })
    .where(inArray(assignments.id, db.select({ id: chosen.id }).from(chosen)))
    .prepare(`record_check_in_${target}`);
}

const named = preparedPerDb((db) => build(db, "named"));
const current = preparedPerDb((db) => build(db, "current"));

export interface CheckInAttempt {
  personId: number;
  now: Date;
  /** Check-in is open for shifts starting by then. */
  opensBy: Date;
  timeZone: string;
  assignmentId?: number;
  location?: { latitude: number; longitude: number };
}

/** The assignment's facts before the attempt (none if there is no such assignment), and whether it checked in. */
export async function recordCheckIn(db: Db, attempt: CheckInAttempt): Promise<{ facts?: AssignmentFacts; checkedIn: boolean }> {
  const values = {
    personId: attempt.personId,
    now: attempt.now.toISOString(),
    startsBy: attempt.opensBy.toISOString(),
    ...currentNights(attempt.now, attempt.opensBy, attempt.timeZone),
    assignmentId: attempt.assignmentId ?? null,
    closedLine: JSON.stringify(answeredLine({ kind: "checked-in" }, attempt.now)),
    latitude: attempt.location?.latitude ?? null,
    longitude: attempt.location?.longitude ?? null,
  };
  const [row] = await (attempt.assignmentId === undefined ? current(db) : named(db)).execute(values);
  if (!row) return { checkedIn: false };
  const { checkedInNow, remindersClosed, ...facts } = row;
  if (remindersClosed > 0) noteEnqueued();
  return { facts, checkedIn: checkedInNow };
}

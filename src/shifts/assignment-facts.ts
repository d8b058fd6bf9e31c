import { and, asc, eq, gt, gte, isNull, lte, sql } from "drizzle-orm";
import { NotFoundError } from "../domain/errors.js";
import type { Recipient } from "../outbox/enqueue.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { teamLeadRecipients } from "../roster/team-leads.js";
import type { SelectedFields } from "drizzle-orm/pg-core";
import type { Db } from "../storage/db.js";
import { preparedPerDb } from "../storage/prepared.js";
import { assignments, people, shifts } from "../storage/schema/index.js";
import { addDays, localNight } from "./night.js";
import { selectShiftFacts, type ShiftFacts } from "./shift-facts.js";

/** Assignments with their shift and their volunteer, as every shift verb needs them; `extra` adds columns. */
export function selectAssignmentFacts<T extends SelectedFields>(db: Pick<Db, "select">, extra: T = {} as T) {
  return selectShiftFacts(db, {
    assignmentId: assignments.id,
    reply: assignments.reply,
    lateMinutes: assignments.lateMinutes,
    checkedInAt: assignments.checkedInAt,
    checkedOutAt: assignments.checkedOutAt,
    endedAt: assignments.endedAt,
    name: people.name,
    ...recipientColumns,
    ...extra,
  })
    .innerJoin(assignments, eq(assignments.shiftId, shifts.id))
    .innerJoin(people, eq(people.id, assignments.personId));
}

const byId = preparedPerDb((db) =>
  selectAssignmentFacts(db)
    .where(eq(assignments.id, sql.placeholder("assignmentId")))
    .prepare("assignment_facts"),
);

/**
 * The person's assignments whose shift has not ended and starts by then, as placeholders:
 * personId, fromNight and toNight (see `currentNights`), startsBy and now.
 */
export const isCurrentAssignment = () =>
  and(
    eq(assignments.personId, sql.placeholder("personId")),
    // The index on (person, night) narrows a year of history to a night or two.
    gte(assignments.night, sql.placeholder("fromNight")),
    lte(assignments.night, sql.placeholder("toNight")),
    isNull(assignments.endedAt),
    lte(shifts.startsAt, sql.placeholder("startsBy")),
    gt(shifts.endsAt, sql.placeholder("now")),
  );

/** A shift is shorter than a day, so one still running began on the night before `now` at the earliest. */
export const currentNights = (now: Date, startsBy: Date, timeZone: string) => ({
  fromNight: addDays(localNight(now, timeZone), -1),
  toNight: localNight(startsBy, timeZone),
});

const currentOf = preparedPerDb((db) =>
  selectAssignmentFacts(db)
    .where(isCurrentAssignment())
    .orderBy(asc(shifts.startsAt))
    .limit(1)
    .prepare("current_assignment_facts"),
);

/** One assignment with its shift and its volunteer. */
export async function loadAssignment(db: Db, assignmentId: number) {
  const [row] = await byId(db).execute({ assignmentId });
  if (!row) throw new NotFoundError("shift.not_found");
  return row;
}

/** The person's earliest shift that has not ended and starts by `startsBy`, in one query. */
export async function loadCurrentAssignment(db: Db, personId: number, now: Date, startsBy: Date, timeZone: string): Promise<AssignmentFacts | undefined> {
  const [row] = await currentOf(db).execute({ personId, now: now.toISOString(), startsBy: startsBy.toISOString(), ...currentNights(now, startsBy, timeZone) });
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

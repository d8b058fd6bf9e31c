import { and, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { assignments, shifts } from "../storage/schema/index.js";

/*
 * Time served on a shift, by one rule for /stats, statements and the attendance export:
 * - A night counts when the volunteer was checked in (by themselves, or marked present by the
 *   leader) and is still on the shift. An assignment that ended (given up, substituted, taken
 *   off by the leader) counts nothing: the roster no longer holds them there.
 * - The time is check-out minus check-in. An automatic check-out (they forgot) counts to the
 *   shift's end, whenever the job closed it; a check-in still open counts up to now, at most to
 *   the shift's end. Rounded to whole minutes per night, so a statement's rows add up to its total.
 * Queries using these join `shifts` to `assignments`.
 */
export const served: SQL = and(isNotNull(assignments.checkedInAt), isNull(assignments.endedAt))!;

export const servedUntil = (now: Date): SQL =>
  sql`case when ${assignments.autoCheckedOut} then ${shifts.endsAt} else coalesce(${assignments.checkedOutAt}, least(${shifts.endsAt}, ${now.toISOString()}::timestamptz)) end`;

export const servedMinutes = (now: Date) =>
  sql<number>`round(greatest(0, extract(epoch from (${servedUntil(now)} - ${assignments.checkedInAt}))) / 60)::int`.mapWith(Number);

/** "20:00" in the deployment's time zone. */
export const localClock = (instant: SQL | typeof assignments.checkedInAt, timeZone: string) =>
  sql<string>`to_char(${instant} at time zone ${timeZone}, 'HH24:MI')`;

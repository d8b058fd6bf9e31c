import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { displayName } from "../people/display-name.js";
import { assignments, dutyLogCounts, dutyLogEntries, people } from "../storage/schema/index.js";
import { LOG_COUNTS, type LogCounts } from "./parse-log-counts.js";

/** Tonight's log as the leader sees it: the figures, attendance from the check-ins, and what was written. */
export async function logSummary(db: Db, shiftId: number) {
  const [row] = await db.select().from(dutyLogCounts).where(eq(dutyLogCounts.shiftId, shiftId));
  const counts: LogCounts = {};
  for (const kind of LOG_COUNTS) if (row?.[kind] != null) counts[kind] = row[kind];
  const roster = await db
    .select({ name: displayName(people), checkedInAt: assignments.checkedInAt, lateMinutes: assignments.lateMinutes, noShowAt: assignments.noShowAt })
    .from(assignments)
    .innerJoin(people, eq(people.id, assignments.personId))
    .where(and(eq(assignments.shiftId, shiftId), isNull(assignments.endedAt)))
    .orderBy(asc(people.id));
  const entries = await db.select({ kind: dutyLogEntries.kind, n: count() }).from(dutyLogEntries).where(eq(dutyLogEntries.shiftId, shiftId)).groupBy(dutyLogEntries.kind);
  const entriesOf = (kind: string) => entries.find((e) => e.kind === kind)?.n ?? 0;
  return {
    counts,
    confirmed: row?.confirmedAt != null,
    present: roster.filter((r) => r.checkedInAt !== null).map((r) => r.name ?? "?"),
    absent: roster.filter((r) => r.checkedInAt === null).map((r) => r.name ?? "?"),
    entries: { text: entriesOf("text"), photo: entriesOf("photo"), voice: entriesOf("voice") },
  };
}

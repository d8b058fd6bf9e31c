import type { Db } from "../storage/db.js";
import { reminders } from "../storage/schema/index.js";

export type ReminderKind = (typeof reminders.kind.enumValues)[number];

/** Minutes before the start of a shift at which each reminder is due. */
export type ReminderSchedule = Record<ReminderKind, number>;

/** Gives each new assignment its reminders; one of each kind, however often this runs. */
export async function scheduleReminders(tx: Db, items: Array<{ assignmentId: number; startsAt: Date }>, schedule: ReminderSchedule): Promise<void> {
  const rows = items.flatMap(({ assignmentId, startsAt }) =>
    (Object.keys(schedule) as ReminderKind[]).map((kind) => ({ assignmentId, kind, dueAt: new Date(startsAt.getTime() - schedule[kind] * 60_000) })),
  );
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(reminders).values(rows.slice(i, i + 1000)).onConflictDoNothing();
}

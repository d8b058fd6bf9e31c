import { and, asc, desc, eq, gte, isNull, lte } from "drizzle-orm";
import { requireTeamAction } from "../access/permissions.js";
import type { DomainContext } from "../domain/context.js";
import { displayName } from "../people/display-name.js";
import { addDays, localNight, type Night } from "../shifts/night.js";
import { selectShiftFacts } from "../shifts/shift-facts.js";
import { dutyLogCounts, dutyLogEntries, people, shifts } from "../storage/schema/index.js";
import { requireLogKeeper } from "./log-access.js";
import { logSummary } from "./log-summary.js";
import { LOG_COUNTS, type LogCounts } from "./parse-log-counts.js";

/** How many nights `/logs` lists when no date is given. */
export const RECENT_LOG_NIGHTS = 7;

/**
 * A team's shifts that have started, newest first, over the nights up to `until`, and how each
 * log stands: closed, open with entries, or nothing written. For leaders, supervisors and coordinators.
 */
export async function listTeamLogs(ctx: DomainContext, teamId: number, until: Night, nights: number, timeZone: string) {
  const { scope } = await requireTeamAction(ctx, "read_logs", teamId);
  const last = until < localNight(ctx.now, timeZone) ? until : localNight(ctx.now, timeZone);
  const rows = await selectShiftFacts(ctx.db, {
    logClosedAt: shifts.logClosedAt,
    entries: ctx.db.$count(dutyLogEntries, eq(dutyLogEntries.shiftId, shifts.id)),
    onPatrol: dutyLogCounts.onPatrol,
    hazards: dutyLogCounts.hazards,
    tips: dutyLogCounts.tips,
    helped: dutyLogCounts.helped,
    disputes: dutyLogCounts.disputes,
  })
    .leftJoin(dutyLogCounts, eq(dutyLogCounts.shiftId, shifts.id))
    .where(and(eq(shifts.teamId, teamId), gte(shifts.night, addDays(last, 1 - nights)), lte(shifts.night, last), lte(shifts.startsAt, ctx.now), isNull(shifts.cancelledAt)))
    .orderBy(desc(shifts.night), asc(shifts.startsAt));
  return {
    scope,
    logs: rows.map((r) => {
      const counts: LogCounts = {};
      for (const kind of LOG_COUNTS) if (r[kind] != null) counts[kind] = r[kind];
      return { ...r, counts };
    }),
  };
}

/** One night's log in full: the figures and attendance, then every entry in the order written. */
export async function readLog(ctx: DomainContext, shiftId: number) {
  const shift = await requireLogKeeper(ctx, shiftId);
  const [summary, entries] = await Promise.all([
    logSummary(ctx.db, shiftId),
    ctx.db
      .select({ at: dutyLogEntries.createdAt, kind: dutyLogEntries.kind, text: dutyLogEntries.text, fileId: dutyLogEntries.fileId, author: displayName(people) })
      .from(dutyLogEntries)
      .innerJoin(people, eq(people.id, dutyLogEntries.authorId))
      .where(eq(dutyLogEntries.shiftId, shiftId))
      .orderBy(asc(dutyLogEntries.createdAt), asc(dutyLogEntries.id)),
  ]);
  return { shift, summary, entries };
}

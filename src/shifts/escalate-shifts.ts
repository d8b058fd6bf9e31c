import { and, eq, gt, isNull, lte, notExists } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { loadPolicy } from "../escalation/policies.js";
import { startEscalation } from "../escalation/start-escalation.js";
import type { Db } from "../storage/db.js";
import { escalations, shifts } from "../storage/schema/index.js";
import { presentCount } from "./escalation-subjects.js";
import { selectShiftFacts } from "./shift-facts.js";

const MINUTE = 60_000;
export const UNDERSTAFFED_AFTER_MINUTES = 15;
export const LOG_MISSING_AFTER_MINUTES = 30;

const notYetEscalated = (db: Db, subject: "understaffed" | "missing_log") =>
  notExists(db.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.subject, subject), eq(escalations.subjectId, shifts.id))));

/**
 * A quarter of an hour after the start, a shift with fewer people checked in than it needs is
 * escalated: its leader, then the supervisor, then the coordinators. Once per shift.
 */
export async function escalateUnderstaffedShifts(ctx: DomainContext): Promise<number> {
  if (!(await loadPolicy(ctx.db, "shift.understaffed")).enabled) return 0;
  const started = await selectShiftFacts(ctx.db)
    .where(and(lte(shifts.startsAt, new Date(ctx.now.getTime() - UNDERSTAFFED_AFTER_MINUTES * MINUTE)), gt(shifts.endsAt, ctx.now), isNull(shifts.cancelledAt), notYetEscalated(ctx.db, "understaffed")));
  let raised = 0;
  for (const shift of started) {
    if ((await presentCount(ctx.db, shift.shiftId)) >= shift.required) continue;
    const id = await ctx.db.transaction((tx) =>
      startEscalation(tx, { policyKey: "shift.understaffed", subject: "understaffed", subjectId: shift.shiftId, teamId: shift.teamId, townId: shift.townId, shiftId: shift.shiftId, raisedBy: null }, ctx.now, ctx.logger),
    );
    if (id !== null) raised += 1;
  }
  return raised;
}

/**
 * Half an hour after the end, a shift whose duty log is not closed is escalated. Only shifts that
 * ended within the last day: switching the rule on does not page for the whole history.
 */
export async function escalateMissingLogs(ctx: DomainContext): Promise<number> {
  if (!(await loadPolicy(ctx.db, "duty_log.missing")).enabled) return 0;
  const cutoff = new Date(ctx.now.getTime() - LOG_MISSING_AFTER_MINUTES * MINUTE);
  const ended = await selectShiftFacts(ctx.db)
    .where(and(lte(shifts.endsAt, cutoff), gt(shifts.endsAt, new Date(ctx.now.getTime() - 24 * 60 * MINUTE)), isNull(shifts.cancelledAt), isNull(shifts.logClosedAt), notYetEscalated(ctx.db, "missing_log")));
  let raised = 0;
  for (const shift of ended) {
    const id = await ctx.db.transaction((tx) =>
      startEscalation(tx, { policyKey: "duty_log.missing", subject: "missing_log", subjectId: shift.shiftId, teamId: shift.teamId, townId: shift.townId, shiftId: shift.shiftId, raisedBy: null }, ctx.now, ctx.logger),
    );
    if (id !== null) raised += 1;
  }
  return raised;
}

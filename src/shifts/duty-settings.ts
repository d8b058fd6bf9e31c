import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { requireTeamAction } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { duties } from "../storage/schema/index.js";
import { getTeamScope, teamLabel } from "../org/team-scope.js";
import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { teamLeadRecipients } from "../roster/team-leads.js";
import type { Db } from "../storage/db.js";
import { ensurePatrolDuty } from "./generate-shifts.js";
import { movePlannedShifts, type MovedShifts } from "./move-planned-shifts.js";
import { isClock } from "./night.js";
import type { ShiftPolicy } from "./policy.js";
import { recomputeStaffing } from "./recompute-staffing.js";
import { tellStaffingChanges } from "./tell-staffing-changes.js";

const headcount = z.number().int().min(1).max(50);
export const patrolSettingsSchema = z
  .object({
    startTime: z.string().refine(isClock, "duty.bad_time"),
    endTime: z.string().refine(isClock, "duty.bad_time"),
    headcountNormal: headcount,
    headcountHeightened: headcount,
    headcountLevel1: headcount,
  })
  .refine((s) => s.startTime !== s.endTime, "duty.empty_window");
export type PatrolSettings = z.infer<typeof patrolSettingsSchema>;

/** A team's patrol window and headcount per response level. */
export async function patrolSettings(ctx: DomainContext, teamId: number): Promise<PatrolSettings & { teamName: string }> {
  const { scope } = await requireTeamAction(ctx, "view_members", teamId);
  await ensurePatrolDuty(ctx.db, teamId, ctx.now);
  const [duty] = await ctx.db.select().from(duties).where(and(eq(duties.teamId, teamId), eq(duties.kind, "patrol")));
  return { ...pick(duty!), teamName: scope.teamName };
}

const pick = (d: typeof duties.$inferSelect): PatrolSettings => ({
  startTime: d.startTime,
  endTime: d.endTime,
  headcountNormal: d.headcountNormal,
  headcountHeightened: d.headcountHeightened,
  headcountLevel1: d.headcountLevel1,
});

/**
 * The team's leader (or a supervisor or coordinator) changes the window or the headcounts. In the
 * same transaction the nights already planned from tonight on follow: shifts not yet begun move to
 * the new window (their volunteers told), and take the headcount of the level in force, with
 * places offered or people freed as when the level changes. The team's leads get a summary.
 */
export async function updatePatrolSettings(ctx: DomainContext, teamId: number, input: PatrolSettings, policy: ShiftPolicy): Promise<PatrolSettings> {
  const parsed = patrolSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "duty.invalid");
  await requireTeamAction(ctx, "appoint_deputy", teamId);
  return ctx.db.transaction(async (tx) => {
    await ensurePatrolDuty(tx, teamId, ctx.now);
    const [before] = await tx.select().from(duties).where(and(eq(duties.teamId, teamId), eq(duties.kind, "patrol"))).for("update");
    const after = parsed.data;
    await tx.update(duties).set(after).where(eq(duties.id, before!.id));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "duty.update", subjectType: "duty", subjectId: before!.id, before: pick(before!), after });
    const moved = await movePlannedShifts(tx, ctx.now, { id: before!.id, before: before!, after }, policy);
    await tellLeadsShiftsMoved(tx, ctx.now, teamId, { before: before!, after }, moved);
    const changes = await recomputeStaffing(tx, ctx.now, { townId: null, dutyId: before!.id, notStarted: true }, "headcount");
    const cause: TextRef = { key: "staffing-cause-patrol", args: { normal: after.headcountNormal, heightened: after.headcountHeightened, level1: after.headcountLevel1 } };
    await tellStaffingChanges(tx, ctx.now, changes, cause, `patrol:${before!.id}:${ctx.now.getTime()}`);
    return after;
  });
}

async function tellLeadsShiftsMoved(tx: Db, now: Date, teamId: number, window: { before: PatrolSettings; after: PatrolSettings }, moved: MovedShifts): Promise<void> {
  if (moved.moved.length === 0 && moved.kept.length === 0) return;
  const times = { start: window.after.startTime, end: window.after.endTime, wasStart: window.before.startTime, wasEnd: window.before.endTime };
  const kept: TextRef | string = moved.kept.length > 0 ? { key: "patrol-moved-kept", args: { ...times, date: { date: moved.kept[0]! } } } : "";
  const text: TextRef = { key: "patrol-moved-leads", args: { ...times, team: teamLabel(await getTeamScope(tx, teamId)), moved: moved.moved.length, told: moved.told, kept } };
  const { recipients } = await teamLeadRecipients(tx, teamId);
  await enqueueMessages(
    tx,
    now,
    recipients.map((to) => ({ to, payload: { kind: "message" as const, text }, dedupeKey: `patrol-moved:${teamId}:${now.getTime()}:${to.personId}`, priority: PRIORITY.normal })),
  );
}

/** "/patrol 20:00-24:00 4 8 8" → settings, or null when the text is not in that form. */
export function parsePatrolSettings(text: string): PatrolSettings | null {
  const m = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s+(\d{1,2})\s+(\d{1,2})\s+(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const pad = (t: string) => t.padStart(5, "0");
  return { startTime: pad(m[1]!), endTime: pad(m[2]!), headcountNormal: Number(m[3]), headcountHeightened: Number(m[4]), headcountLevel1: Number(m[5]) };
}

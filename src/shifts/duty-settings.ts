import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { requireTeamAction } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { duties } from "../storage/schema/index.js";
import { ensurePatrolDuty } from "./generate-shifts.js";
import { isClock } from "./night.js";

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
 * The team's leader (or a supervisor or coordinator) changes the window or the headcounts. The
 * change applies to nights not yet planned; already planned nights keep their times.
 */
export async function updatePatrolSettings(ctx: DomainContext, teamId: number, input: PatrolSettings): Promise<PatrolSettings> {
  const parsed = patrolSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "duty.invalid");
  await requireTeamAction(ctx, "appoint_deputy", teamId);
  return ctx.db.transaction(async (tx) => {
    await ensurePatrolDuty(tx, teamId, ctx.now);
    const [before] = await tx.select().from(duties).where(and(eq(duties.teamId, teamId), eq(duties.kind, "patrol")));
    await tx.update(duties).set(parsed.data).where(eq(duties.id, before!.id));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "duty.update", subjectType: "duty", subjectId: before!.id, before: pick(before!), after: parsed.data });
    return parsed.data;
  });
}

/** "/patrol 20:00-24:00 4 8 8" → settings, or null when the text is not in that form. */
export function parsePatrolSettings(text: string): PatrolSettings | null {
  const m = /^(\d{1,2}:\d{2})\s*[-–~]\s*(\d{1,2}:\d{2})\s+(\d{1,2})\s+(\d{1,2})\s+(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const pad = (t: string) => t.padStart(5, "0");
  return { startTime: pad(m[1]!), endTime: pad(m[2]!), headcountNormal: Number(m[3]), headcountHeightened: Number(m[4]), headcountLevel1: Number(m[5]) };
}

import { z } from "zod";
import { requireTeamAction } from "../access/permissions.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { duties } from "../storage/schema/index.js";
import { planTeamsNow, type PlanPolicy } from "./generate-shifts.js";
import { isClock } from "./night.js";

export const postSchema = z.object({
  teamId: z.number().int().positive(),
  name: z.string().trim().min(1).max(64),
  location: z.string().trim().max(200).optional(),
  startTime: z.string().refine(isClock, "duty.bad_time"),
  endTime: z.string().refine(isClock, "duty.bad_time"),
  /** weekly: one person holds every night of a week (the "guard one week" duty). */
  rota: z.enum(["fair", "weekly"]).default("fair"),
  people: z.number().int().min(1).max(50).default(1),
});

/**
 * A fixed post a team staffs besides its patrol, such as an unnamed road crossing. It gets
 * shifts, reminders and check-ins like the patrol, planned at once with `planWith` (from tonight
 * if it has not begun), else from the next planning run on.
 */
export async function addPost(ctx: DomainContext, input: z.input<typeof postSchema>, planWith?: PlanPolicy): Promise<number> {
  const parsed = postSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues[0]?.message ?? "duty.invalid");
  const post = parsed.data;
  await requireTeamAction(ctx, "appoint_deputy", post.teamId);
  const id = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(duties)
      .values({
        teamId: post.teamId,
        kind: "post",
        name: post.name,
        location: post.location ?? null,
        startTime: post.startTime,
        endTime: post.endTime,
        rota: post.rota,
        headcountNormal: post.people,
        headcountHeightened: post.people,
        headcountLevel1: post.people,
        createdAt: ctx.now,
      })
      .returning({ id: duties.id });
    await recordAudit(tx, ctx.actor, ctx.now, { action: "duty.create", subjectType: "duty", subjectId: row!.id, after: post });
    return row!.id;
  });
  if (planWith) await planTeamsNow(ctx, [post.teamId], planWith, false);
  return id;
}

import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { enqueueMessages, type OutboxMessage } from "../outbox/enqueue.js";
import { personName } from "../people/display-name.js";
import { teamLabel } from "../org/team-scope.js";
import { spotCheckPhotos, spotChecks } from "../storage/schema/index.js";
import { findingsRecipients } from "./findings-recipients.js";
import { shiftAtVisit } from "./shift-at-visit.js";
import { requireSpotChecker } from "./spot-check-scope.js";
import { FINDINGS_MAX, PRESENT_MAX, SPOT_CHECK_PHOTOS_MAX, stars } from "./spot-check-limits.js";

export const spotCheckInputSchema = z.object({
  teamId: z.number().int().positive(),
  teamOut: z.boolean(),
  presentCount: z.number().int().min(0).max(PRESENT_MAX),
  findings: z.string().trim().min(1).max(FINDINGS_MAX),
  photoFileIds: z.array(z.string().min(1).max(256)).max(SPOT_CHECK_PHOTOS_MAX),
  rating: z.number().int().min(1).max(5),
  /** Names the confirmation: the same Confirm delivered twice records one visit and one message. */
  clientKey: z.string().min(1).max(128),
});
export type SpotCheckInput = z.input<typeof spotCheckInputSchema>;

/**
 * Records a visit and, in the same transaction, sends the findings to the team's leaders and
 * tonight's shift leader: a message, then the photos as an album. The team is checked against
 * the visitor's scope here, whatever the dialog offered.
 */
export async function recordSpotCheck(ctx: DomainContext, raw: SpotCheckInput, timeZone: string) {
  if (ctx.actor.type !== "person") throw new ForbiddenError("spotcheck.person_only");
  const visitorId = ctx.actor.personId;
  const parsed = spotCheckInputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("spotcheck.invalid", { max: FINDINGS_MAX });
  const input = parsed.data;
  const team = await requireSpotChecker(ctx, input.teamId);

  const [existing] = await ctx.db.select({ id: spotChecks.id }).from(spotChecks).where(eq(spotChecks.clientKey, input.clientKey));
  if (existing) return { spotCheckId: existing.id, created: false, recipients: 0 };
  const { night, shift } = await shiftAtVisit(ctx.db, input.teamId, ctx.now, timeZone);
  const visitor = (await personName(ctx.db, visitorId)) ?? "-";

  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(spotChecks)
      .values({
        teamId: input.teamId,
        shiftId: shift?.shiftId ?? null,
        night,
        visitorId,
        visitedAt: ctx.now,
        teamOut: input.teamOut,
        presentCount: input.presentCount,
        findings: input.findings,
        rating: input.rating,
        clientKey: input.clientKey,
        createdAt: ctx.now,
      })
      .onConflictDoNothing({ target: spotChecks.clientKey })
      .returning({ id: spotChecks.id });
    if (!row) {
      const [again] = await tx.select({ id: spotChecks.id }).from(spotChecks).where(eq(spotChecks.clientKey, input.clientKey));
      return { spotCheckId: again!.id, created: false, recipients: 0 };
    }
    if (input.photoFileIds.length > 0) {
      await tx.insert(spotCheckPhotos).values(input.photoFileIds.map((fileId, position) => ({ spotCheckId: row.id, position, fileId })));
    }
    const recipients = await findingsRecipients(tx, input.teamId, shift?.leaderPersonId ?? null, visitorId);
    const text = {
      key: "spotcheck-findings",
      args: {
        team: teamLabel(team),
        visitor,
        when: { datetime: ctx.now.toISOString() },
        out: { key: input.teamOut ? "spotcheck-out-yes" : "spotcheck-out-no" },
        present: input.presentCount,
        rating: stars(input.rating),
        findings: input.findings,
        photos: input.photoFileIds.length,
      },
    };
    const messages: OutboxMessage[] = recipients.flatMap((to) => [
      { to, payload: { kind: "message" as const, text }, dedupeKey: `spotcheck:${row.id}:${to.personId}` },
      ...(input.photoFileIds.length > 0
        ? [{ to, payload: { kind: "photos" as const, fileIds: input.photoFileIds, caption: { key: "spotcheck-photos-caption", args: { team: team.teamName } } }, dedupeKey: `spotcheck:${row.id}:${to.personId}:photos` }]
        : []),
    ]);
    await enqueueMessages(tx, ctx.now, messages);
    await recordAudit(tx, ctx.actor, ctx.now, { action: "spotcheck.record", subjectType: "team", subjectId: input.teamId, after: { spotCheckId: row.id, night, teamOut: input.teamOut, presentCount: input.presentCount, rating: input.rating } });
    ctx.logger.info({ spotCheckId: row.id, teamId: input.teamId, rating: input.rating }, "spot check recorded");
    return { spotCheckId: row.id, created: true, recipients: recipients.length };
  });
}

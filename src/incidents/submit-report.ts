import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { startEscalation } from "../escalation/start-escalation.js";
import { localNight } from "../shifts/night.js";
import { incidentPhotos, incidents } from "../storage/schema/index.js";
import { CATEGORIES, DESCRIPTION_MAX, formatRef, PHOTOS_MAX, policyKeyFor } from "./categories.js";
import { insideBox, type ReportSettings } from "./report-settings.js";
import { reporterContext } from "./reporter-context.js";

const fileId = z.string().min(1).max(256);

export const reportInputSchema = z.object({
  /** Names the dialog that sent it: the same confirmation delivered twice stores one report. */
  clientKey: z.string().min(1).max(128),
  category: z.enum(CATEGORIES as [string, ...string[]]).transform((c) => c as (typeof CATEGORIES)[number]),
  description: z.string().trim().min(1).max(DESCRIPTION_MAX).nullable(),
  voiceFileId: fileId.nullable(),
  photoFileIds: z.array(fileId).max(PHOTOS_MAX),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).nullable(),
});
export type ReportInput = z.input<typeof reportInputSchema>;

/**
 * Stores a report and pages the first level of its category's policy, in one transaction; the
 * reporter is told the reference number only after this returns. An emergency may come without
 * any detail: it is paged first and described afterwards.
 */
export async function submitReport(ctx: DomainContext, settings: ReportSettings, raw: ReportInput) {
  const parsed = reportInputSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("report.invalid");
  const input = parsed.data;
  if (input.category !== "emergency" && !input.description && !input.voiceFileId) throw new ValidationError("report.no_details");
  if (input.location && !insideBox(settings.bbox, input.location)) {
    // An emergency is paged whatever its pin says; anything else is asked for a better one.
    if (input.category === "emergency") input.location = null;
    else throw new ValidationError("report.outside_district");
  }

  const [existing] = await ctx.db.select({ id: incidents.id, ref: incidents.ref }).from(incidents).where(eq(incidents.clientKey, input.clientKey));
  if (existing) return { incidentId: existing.id, ref: existing.ref, created: false };

  const reporter = await reporterContext(ctx, settings);
  if (!reporter.categories.includes(input.category)) throw new ValidationError("report.category_not_allowed");
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        ref: `pending:${input.clientKey}`,
        clientKey: input.clientKey,
        category: input.category,
        reporterPersonId: reporter.personId,
        public: reporter.public,
        teamId: reporter.teamId,
        townId: reporter.townId,
        shiftId: reporter.shiftId,
        description: input.description,
        voiceFileId: input.voiceFileId,
        latitude: input.location?.latitude ?? null,
        longitude: input.location?.longitude ?? null,
        createdAt: ctx.now,
      })
      .onConflictDoNothing({ target: incidents.clientKey })
      .returning({ id: incidents.id });
    if (!row) {
      const [again] = await tx.select({ id: incidents.id, ref: incidents.ref }).from(incidents).where(eq(incidents.clientKey, input.clientKey));
      return { incidentId: again!.id, ref: again!.ref, created: false };
    }
    const year = Number(localNight(ctx.now, settings.timeZone).slice(0, 4));
    const ref = formatRef(settings.refPrefix, year, row.id);
    await tx.update(incidents).set({ ref }).where(eq(incidents.id, row.id));
    if (input.photoFileIds.length > 0) await tx.insert(incidentPhotos).values(input.photoFileIds.map((fileId, position) => ({ incidentId: row.id, position, fileId })));
    await startEscalation(
      tx,
      { policyKey: policyKeyFor(input.category, reporter.public), subject: "incident", subjectId: row.id, teamId: reporter.teamId, townId: reporter.townId, shiftId: reporter.shiftId, raisedBy: reporter.personId },
      ctx.now,
      ctx.logger,
    );
    ctx.logger.info({ incidentId: row.id, ref, category: input.category, public: reporter.public }, "report received");
    return { incidentId: row.id, ref, created: true };
  });
}

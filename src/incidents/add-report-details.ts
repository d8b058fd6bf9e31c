import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { notifiedBefore } from "../escalation/send-step.js";
import { enqueueMessages, PRIORITY, type Recipient } from "../outbox/enqueue.js";
import type { OutboxPayload } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import { escalations, incidents, people } from "../storage/schema/index.js";
import { DESCRIPTION_MAX } from "./categories.js";
import { incidentChanged } from "./incident-changed.js";
import { insideBox, type ReportSettings } from "./report-settings.js";

const detailsSchema = z.object({
  incidentId: z.number().int().positive(),
  /** The message it came in, so a redelivered one does not page everyone twice. */
  sourceKey: z.string().min(1).max(64),
  text: z.string().trim().min(1).max(DESCRIPTION_MAX).optional(),
  voiceFileId: z.string().min(1).max(256).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});

/**
 * What the reporter of an emergency sends after it was paged: more text, a voice note, where they
 * are. It goes onto the report, its cards show it, and everyone already paged gets it at once.
 */
export async function addReportDetails(ctx: DomainContext, settings: ReportSettings, raw: z.input<typeof detailsSchema>) {
  const parsed = detailsSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError("report.detail_invalid", { max: DESCRIPTION_MAX });
  const input = parsed.data;
  if (input.location && !insideBox(settings.bbox, input.location)) throw new ValidationError("report.outside_district");
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, input.incidentId));
  if (!incident) throw new NotFoundError("incident.not_found");
  if (ctx.actor.type !== "person" || incident.reporterPersonId !== ctx.actor.personId) throw new ForbiddenError("incident.not_yours");
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(incidents)
      .set({
        ...(input.text ? { description: sql`left(coalesce(${incidents.description} || E'\n', '') || ${input.text}, ${DESCRIPTION_MAX * 2})` } : {}),
        ...(input.voiceFileId ? { voiceFileId: input.voiceFileId } : {}),
        ...(input.location ? { latitude: input.location.latitude, longitude: input.location.longitude } : {}),
      })
      .where(eq(incidents.id, incident.id));
    const view = await incidentChanged(tx, incident.id, ctx.now);
    const extra: OutboxPayload[] = [];
    if (input.voiceFileId) extra.push({ kind: "voice", fileId: input.voiceFileId, caption: { key: "incident-voice-caption", args: { ref: view.ref } } });
    if (input.location) extra.push({ kind: "location", ...input.location });
    if (extra.length === 0) return view;
    const [escalation] = await tx.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.subject, "incident"), eq(escalations.subjectId, incident.id)));
    const told = escalation ? [...(await notifiedBefore(tx, escalation.id))] : [];
    const recipients: Recipient[] = [];
    for (const personId of told) {
      const [row] = await tx.select(recipientColumns).from(people).where(eq(people.id, personId));
      const to = row ? toRecipient(row) : null;
      if (to) recipients.push(to);
    }
    await enqueueMessages(tx, ctx.now, recipients.flatMap((to) => extra.map((payload, i) => ({ to, payload, dedupeKey: `incident-detail:${incident.id}:${input.sourceKey}:${i}:${to.personId}`, priority: PRIORITY.urgent }))));
    return view;
  });
}

import { and, eq, ne, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { z } from "zod";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { ownEscalation } from "../escalation/own-escalation.js";
import { incidents, people } from "../storage/schema/index.js";
import { requireIncidentAction } from "./incident-access.js";
import { incidentChanged, reporterNotice } from "./incident-changed.js";

export const RESOLUTION_NOTE_MAX = 500;
const noteSchema = z.string().trim().min(1).max(RESOLUTION_NOTE_MAX);

/** Checks, before asking for a note, that the actor may resolve the report and that it is still open. */
export async function prepareResolve(ctx: DomainContext, incidentId: number): Promise<{ ref: string }> {
  const { incident } = await requireIncidentAction(ctx, incidentId, "handle");
  if (incident.status === "resolved") throw new ConflictError("incident.already_resolved", { by: "-" });
  return { ref: incident.ref };
}

/** Closes a report with a note. Resolving an unowned report makes the resolver its owner. */
export async function resolveIncident(ctx: DomainContext, input: { incidentId: number; note: string }) {
  const note = noteSchema.safeParse(input.note);
  if (!note.success) throw new ValidationError("incident.note_invalid", { max: RESOLUTION_NOTE_MAX });
  const { personId } = await requireIncidentAction(ctx, input.incidentId, "handle");
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .update(incidents)
      .set({ status: "resolved", resolvedAt: ctx.now, resolvedBy: personId, resolutionNote: note.data, ownerPersonId: sql`coalesce(${incidents.ownerPersonId}, ${personId})` })
      .where(and(eq(incidents.id, input.incidentId), ne(incidents.status, "resolved")))
      .returning({ id: incidents.id });
    if (!done) {
      const [current] = await tx.select({ by: displayName(people) }).from(incidents).leftJoin(people, eq(people.id, incidents.resolvedBy)).where(eq(incidents.id, input.incidentId));
      throw new ConflictError("incident.already_resolved", { by: current?.by ?? "-" });
    }
    await ownEscalation(tx, "incident", input.incidentId, personId, ctx.now);
    return incidentChanged(tx, input.incidentId, ctx.now, { name: "resolved", text: reporterNotice("notice-report-resolved", { note: note.data }) });
  });
}

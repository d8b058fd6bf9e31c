import { and, eq, ne } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ConflictError } from "../domain/errors.js";
import { escalateNow } from "../escalation/escalate-now.js";
import { startEscalation } from "../escalation/start-escalation.js";
import { escalations, incidents } from "../storage/schema/index.js";
import { policyKeyFor } from "./categories.js";
import { requireIncidentAction } from "./incident-access.js";
import { incidentChanged } from "./incident-changed.js";

/** Passes a report up at once: it becomes unowned again and the next level is told now. */
export async function escalateIncident(ctx: DomainContext, incidentId: number) {
  const { incident } = await requireIncidentAction(ctx, incidentId, "handle");
  return ctx.db.transaction(async (tx) => {
    const [reopened] = await tx
      .update(incidents)
      .set({ status: "open", ownerPersonId: null, acknowledgedAt: null })
      .where(and(eq(incidents.id, incidentId), ne(incidents.status, "resolved")))
      .returning({ id: incidents.id });
    if (!reopened) throw new ConflictError("incident.already_resolved", { by: "-" });
    const view = await incidentChanged(tx, incidentId, ctx.now);
    const [escalation] = await tx.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.subject, "incident"), eq(escalations.subjectId, incidentId)));
    if (escalation) await escalateNow(tx, escalation.id, ctx.now, ctx.logger);
    else await startEscalation(tx, { policyKey: policyKeyFor(incident.category, incident.public), subject: "incident", subjectId: incidentId, teamId: incident.teamId, townId: incident.townId, shiftId: incident.shiftId, raisedBy: incident.reporterPersonId }, ctx.now, ctx.logger);
    return view;
  });
}

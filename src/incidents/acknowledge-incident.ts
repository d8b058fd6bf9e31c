import { and, eq, isNull } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError } from "../domain/errors.js";
import { ownEscalation } from "../escalation/own-escalation.js";
import { incidents, people } from "../storage/schema/index.js";
import { requireIncidentAction } from "./incident-access.js";
import { incidentChanged, reporterNotice } from "./incident-changed.js";
import { loadIncident } from "./incident-view.js";

/**
 * Takes ownership of an open report and stops its escalation. One conditional update: when two
 * people press Acknowledge at once, one owns it and the other is told who does.
 */
export async function acknowledgeIncident(ctx: DomainContext, incidentId: number) {
  const { personId } = await requireIncidentAction(ctx, incidentId, "handle");
  return ctx.db.transaction(async (tx) => {
    const [taken] = await tx
      .update(incidents)
      .set({ status: "acknowledged", ownerPersonId: personId, acknowledgedAt: ctx.now })
      .where(and(eq(incidents.id, incidentId), eq(incidents.status, "open"), isNull(incidents.ownerPersonId)))
      .returning({ id: incidents.id });
    if (!taken) {
      const [current] = await tx.select({ status: incidents.status, ownerId: incidents.ownerPersonId, by: displayName(people) }).from(incidents).leftJoin(people, eq(people.id, incidents.ownerPersonId)).where(eq(incidents.id, incidentId));
      // The same press delivered twice: it is already theirs, nothing more to do.
      if (current?.status === "acknowledged" && personId !== null && current.ownerId === personId) return loadIncident(tx, incidentId);
      throw new ConflictError(current?.status === "resolved" ? "incident.already_resolved" : "incident.already_owned", { by: current?.by ?? "-" });
    }
    await ownEscalation(tx, "incident", incidentId, personId, ctx.now);
    return incidentChanged(tx, incidentId, ctx.now, { name: "acknowledged", text: reporterNotice("notice-report-acknowledged") });
  });
}

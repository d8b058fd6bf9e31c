import { and, eq, inArray, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, ValidationError } from "../domain/errors.js";
import { ownEscalation } from "../escalation/own-escalation.js";
import { resolveTargets } from "../escalation/resolve-targets.js";
import { incidents, people } from "../storage/schema/index.js";
import { requireIncidentAction } from "./incident-access.js";
import { incidentChanged, reporterNotice } from "./incident-changed.js";
import { sendCardToNewHolders } from "./send-card.js";

/**
 * Hands a report to the police liaisons for its town. Forwarding an unowned report makes the
 * forwarder its owner; liaisons who have not seen it yet get the whole card with its photos.
 */
export async function forwardIncident(ctx: DomainContext, incidentId: number) {
  const { incident, personId } = await requireIncidentAction(ctx, incidentId, "forward");
  return ctx.db.transaction(async (tx) => {
    const police = await resolveTargets(tx, ["police"], incident, incident.reporterPersonId);
    if (police.length === 0) throw new ValidationError("incident.no_police");
    const [forwarded] = await tx
      .update(incidents)
      .set({
        status: "forwarded",
        forwardedAt: ctx.now,
        forwardedBy: personId,
        ownerPersonId: sql`coalesce(${incidents.ownerPersonId}, ${personId})`,
        acknowledgedAt: sql`coalesce(${incidents.acknowledgedAt}, ${ctx.now.toISOString()}::timestamptz)`,
      })
      .where(and(eq(incidents.id, incidentId), inArray(incidents.status, ["open", "acknowledged"])))
      .returning({ id: incidents.id });
    if (!forwarded) {
      const [current] = await tx.select({ status: incidents.status, by: displayName(people) }).from(incidents).leftJoin(people, eq(people.id, incidents.forwardedBy)).where(eq(incidents.id, incidentId));
      throw new ConflictError(current?.status === "resolved" ? "incident.already_resolved" : "incident.already_forwarded", { by: current?.by ?? "-" });
    }
    await ownEscalation(tx, "incident", incidentId, personId, ctx.now);
    const view = await incidentChanged(tx, incidentId, ctx.now, { name: "forwarded", text: reporterNotice("notice-report-forwarded") });
    await sendCardToNewHolders(tx, ctx.now, view, police, "forward");
    return view;
  });
}

import { and, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError, NotFoundError, ValidationError } from "../domain/errors.js";
import { loadPolicy } from "../escalation/policies.js";
import { resolveTargets } from "../escalation/resolve-targets.js";
import { listTowns } from "../org/list-towns.js";
import { escalations, incidents, towns } from "../storage/schema/index.js";
import { policyKeyFor } from "./categories.js";
import { requireIncidentAction, type IncidentRow } from "./incident-access.js";
import { incidentChanged } from "./incident-changed.js";
import { sendCardToNewHolders } from "./send-card.js";

/** Only a resident's report has no team to say where it is; it can move until it is resolved. */
function requireTriageable(incident: Pick<IncidentRow, "public" | "status">) {
  if (!incident.public) throw new ValidationError("incident.town_fixed");
  if (incident.status === "resolved") throw new ConflictError("incident.already_resolved", { by: "-" });
}

/** The towns a coordinator may put a resident's report in, for the picker. */
export async function incidentTownChoices(ctx: DomainContext, incidentId: number) {
  const { incident } = await requireIncidentAction(ctx, incidentId, "triage");
  requireTriageable(incident);
  return { ref: incident.ref, townId: incident.townId, towns: await listTowns(ctx.db) };
}

/**
 * A coordinator says which town a resident's report is in. The report and its escalation take
 * that town, so its police and supervisors are the town's from now on, and the card goes at once
 * to the first level of the category's own policy that names anyone there (for a tip: the town's
 * police liaison). Picking the town it already has changes nothing, so a redelivered press is
 * harmless; a different town moves it while it is unresolved. Audited like other decisions.
 */
export async function setIncidentTown(ctx: DomainContext, input: { incidentId: number; townId: number }) {
  const { incident } = await requireIncidentAction(ctx, input.incidentId, "triage");
  requireTriageable(incident);
  return ctx.db.transaction(async (tx) => {
    const [town] = await tx.select({ id: towns.id, name: towns.name }).from(towns).where(eq(towns.id, input.townId));
    if (!town) throw new NotFoundError("town.not_found");
    const [current] = await tx.select({ townId: incidents.townId, status: incidents.status }).from(incidents).where(eq(incidents.id, incident.id)).for("update");
    requireTriageable({ public: incident.public, status: current!.status });
    if (current!.townId === town.id) return { ref: incident.ref, town: town.name, changed: false };

    await tx.update(incidents).set({ townId: town.id }).where(and(eq(incidents.id, incident.id), ne(incidents.status, "resolved")));
    await tx.update(escalations).set({ townId: town.id }).where(and(eq(escalations.subject, "incident"), eq(escalations.subjectId, incident.id)));
    await recordAudit(tx, ctx.actor, ctx.now, { action: "incident.town", subjectType: "incident", subjectId: incident.id, before: { townId: current!.townId }, after: { townId: town.id } });
    const view = await incidentChanged(tx, incident.id, ctx.now);

    const policy = await loadPolicy(tx, policyKeyFor(incident.category, false));
    for (const level of policy.levels) {
      const recipients = await resolveTargets(tx, level.targets, { teamId: null, townId: town.id, shiftId: null }, incident.reporterPersonId);
      if (recipients.length === 0) continue;
      await sendCardToNewHolders(tx, ctx.now, view, recipients, `town:${town.id}`);
      break;
    }
    ctx.logger.info({ incidentId: incident.id, townId: town.id, before: current!.townId }, "report placed in a town");
    return { ref: incident.ref, town: town.name, changed: true };
  });
}

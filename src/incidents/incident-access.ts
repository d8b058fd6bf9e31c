import { eq } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { incidents } from "../storage/schema/index.js";
import { incidentPermissions, type IncidentPermissions } from "./incident-permissions.js";

export type IncidentRow = typeof incidents.$inferSelect;
export type IncidentAction = keyof IncidentPermissions;

const REFUSALS: Record<IncidentAction, string> = {
  handle: "incident.not_yours",
  forward: "incident.not_yours",
  verdict: "incident.police_only",
  triage: "incident.coordinators_only",
};

/** Loads a report and checks that the actor may do `action` with it (see incidentPermissions). */
export async function requireIncidentAction(ctx: DomainContext, incidentId: number, action: IncidentAction): Promise<{ incident: IncidentRow; personId: number | null }> {
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw new NotFoundError("incident.not_found");
  if (ctx.actor.type !== "person") return { incident, personId: null };
  const personId = ctx.actor.personId;
  const allowed = await incidentPermissions(ctx.db, incident, personId);
  if (!allowed[action]) {
    ctx.logger.warn({ personId, incidentId, action }, "refused: not allowed on this report");
    throw new ForbiddenError(REFUSALS[action]);
  }
  return { incident, personId };
}

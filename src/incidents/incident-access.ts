import { and, eq } from "drizzle-orm";
import { loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, NotFoundError } from "../domain/errors.js";
import { commandsScope, policeFor, wasNotified } from "../escalation/handler-access.js";
import { escalations, incidents } from "../storage/schema/index.js";
import { mayGetVerdict } from "./incident-card.js";

export type IncidentRow = typeof incidents.$inferSelect;

/**
 * handle: acknowledge, resolve, escalate; forward: hand to the police; verdict: mark a tip useful.
 * Leads of the report's team, its town's supervisors and coordinators may handle and forward; the
 * police liaison for its town may handle what reached the police, and is the only one to judge a
 * tip. Someone the policy named by name may handle and forward that one report.
 */
export type IncidentAction = "handle" | "forward" | "verdict";

export async function requireIncidentAction(ctx: DomainContext, incidentId: number, action: IncidentAction): Promise<{ incident: IncidentRow; personId: number | null }> {
  const [incident] = await ctx.db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw new NotFoundError("incident.not_found");
  if (ctx.actor.type !== "person") return { incident, personId: null };
  const personId = ctx.actor.personId;
  const access = await loadAccess(ctx.db, personId);
  const police = policeFor(access, incident.townId) && mayGetVerdict(incident);
  let allowed = action === "verdict" ? police : commandsScope(access, incident) || (action === "handle" && police);
  if (!allowed && action !== "verdict") {
    const [escalation] = await ctx.db.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.subject, "incident"), eq(escalations.subjectId, incidentId)));
    allowed = escalation !== undefined && (await wasNotified(ctx.db, escalation.id, personId));
  }
  if (!allowed) {
    ctx.logger.warn({ personId, incidentId, action }, "refused: not allowed on this report");
    throw new ForbiddenError(action === "verdict" ? "incident.police_only" : "incident.not_yours");
  }
  return { incident, personId };
}

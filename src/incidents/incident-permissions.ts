import { and, eq } from "drizzle-orm";
import { isCoordinator, loadAccess } from "../access/access.js";
import { commandsScope, policeFor, wasNotified } from "../escalation/handler-access.js";
import type { Db } from "../storage/db.js";
import { escalations, type incidents } from "../storage/schema/index.js";
import { POLICE_CATEGORIES } from "./categories.js";

type IncidentFacts = Pick<typeof incidents.$inferSelect, "id" | "category" | "forwardedAt" | "teamId" | "townId">;

/**
 * handle: acknowledge, resolve, escalate; forward: hand to the police; verdict: mark a tip useful;
 * triage: say which town a resident's report is in.
 */
export interface IncidentPermissions {
  handle: boolean;
  forward: boolean;
  verdict: boolean;
  triage: boolean;
}

export const NO_PERMISSIONS: IncidentPermissions = { handle: false, forward: false, verdict: false, triage: false };

/** Tips and sightings go to the police from the start; anything else once forwarded. */
export const mayGetVerdict = (i: Pick<IncidentFacts, "category" | "forwardedAt">) => POLICE_CATEGORIES.includes(i.category) || i.forwardedAt !== null;

/**
 * What one person may do with a report, read from the database. Leads of the report's team, its
 * town's supervisors and coordinators may handle and forward; the police liaison for its town may
 * handle what reached the police, and is the only one to judge a tip; coordinators triage. Someone the escalation told
 * (`told`: it is telling them right now) may handle and forward that one report. The card's
 * buttons and the server's checks both come from here, so a copy never offers what would be refused.
 */
export async function incidentPermissions(db: Db, incident: IncidentFacts, personId: number, told?: boolean): Promise<IncidentPermissions> {
  const access = await loadAccess(db, personId);
  const police = policeFor(access, incident.townId) && mayGetVerdict(incident);
  const commands = commandsScope(access, incident);
  const named = commands || (told ?? (await toldByEscalation(db, incident.id, personId)));
  return {
    handle: commands || police || named,
    // The police do not forward to themselves.
    forward: commands || (named && !police),
    verdict: police,
    triage: isCoordinator(access),
  };
}

async function toldByEscalation(db: Db, incidentId: number, personId: number): Promise<boolean> {
  const [escalation] = await db.select({ id: escalations.id }).from(escalations).where(and(eq(escalations.subject, "incident"), eq(escalations.subjectId, incidentId)));
  return escalation !== undefined && (await wasNotified(db, escalation.id, personId));
}

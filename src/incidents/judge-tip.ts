import { and, eq, isNull, ne, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { recordAudit } from "../audit/record-audit.js";
import type { DomainContext } from "../domain/context.js";
import { ConflictError } from "../domain/errors.js";
import { ownEscalation } from "../escalation/own-escalation.js";
import { incidents, people } from "../storage/schema/index.js";
import { requireIncidentAction } from "./incident-access.js";
import { incidentChanged, reporterNotice } from "./incident-changed.js";

/**
 * The police liaison marks a tip useful or not. Useful tips are counted per volunteer and per
 * team, since the police reward them and teams are evaluated on them; so the verdict is audited.
 * Judging a tip nobody owned yet also takes it off the escalation; a resolved report is closed to verdicts.
 */
export async function judgeTip(ctx: DomainContext, input: { incidentId: number; useful: boolean }) {
  const { personId } = await requireIncidentAction(ctx, input.incidentId, "verdict");
  const verdict = input.useful ? "useful" : "not_useful";
  return ctx.db.transaction(async (tx) => {
    const [judged] = await tx
      .update(incidents)
      .set({
        verdict,
        verdictAt: ctx.now,
        verdictBy: personId,
        status: sql`case when ${incidents.status} = 'open' then 'acknowledged'::incident_status else ${incidents.status} end`,
        ownerPersonId: sql`coalesce(${incidents.ownerPersonId}, ${personId})`,
      })
      .where(and(eq(incidents.id, input.incidentId), isNull(incidents.verdict), ne(incidents.status, "resolved")))
      .returning({ id: incidents.id });
    if (!judged) {
      const [current] = await tx.select({ verdict: incidents.verdict, by: displayName(people) }).from(incidents).leftJoin(people, eq(people.id, incidents.verdictBy)).where(eq(incidents.id, input.incidentId));
      if (current && current.verdict === null) throw new ConflictError("incident.already_resolved", { by: "-" });
      throw new ConflictError("incident.already_judged", { by: current?.by ?? "-" });
    }
    await ownEscalation(tx, "incident", input.incidentId, personId, ctx.now);
    await recordAudit(tx, ctx.actor, ctx.now, { action: "incident.verdict", subjectType: "incident", subjectId: input.incidentId, before: { verdict: null }, after: { verdict } });
    return incidentChanged(tx, input.incidentId, ctx.now, input.useful ? { name: "useful", text: reporterNotice("notice-report-useful") } : undefined);
  });
}

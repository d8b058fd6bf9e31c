import { eq } from "drizzle-orm";
import type { SubjectHandler } from "../escalation/subject.js";
import { incidents } from "../storage/schema/index.js";
import { incidentAttachments, incidentButtonsFor, incidentCardGroup, incidentCardText } from "./incident-card.js";
import { loadIncident } from "./incident-view.js";

/** A report escalates as its card, with the report's own buttons; it is over once resolved. */
export const incidentSubject: SubjectHandler = {
  async present(tx, escalation) {
    const incident = await loadIncident(tx, escalation.subjectId);
    return {
      attachments: incidentAttachments(incident),
      text: incidentCardText(incident),
      buttons: incidentButtonsFor(tx, incident),
      groupKey: incidentCardGroup(incident.id),
      urgent: incident.category === "emergency",
    };
  },
  async settledReason(tx, escalation) {
    const [row] = await tx.select({ status: incidents.status }).from(incidents).where(eq(incidents.id, escalation.subjectId));
    return row?.status === "resolved" ? "resolved" : null;
  },
};

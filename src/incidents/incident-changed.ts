import { eq } from "drizzle-orm";
import { editCardCopies } from "../outbox/edit-group.js";
import { enqueueMessages } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";
import { incidentButtonsFor, incidentCardGroup, incidentCardText } from "./incident-card.js";
import { loadIncident, type IncidentView } from "./incident-view.js";

/**
 * After a report changed: every copy of its card shows the new state, and the reporter, member
 * or resident, is told what happened to it (once per event, even if the update comes twice).
 */
export async function incidentChanged(tx: Db, incidentId: number, now: Date, event?: { name: string; text: (i: IncidentView) => TextRef }): Promise<IncidentView> {
  const incident = await loadIncident(tx, incidentId);
  await editCardCopies(tx, now, incidentCardGroup(incidentId), incidentCardText(incident), incidentButtonsFor(tx, incident));
  if (event && incident.reporterPersonId !== null) {
    const [row] = await tx.select(recipientColumns).from(people).where(eq(people.id, incident.reporterPersonId));
    const to = row ? toRecipient(row) : null;
    if (to) await enqueueMessages(tx, now, [{ to, payload: { kind: "message", text: event.text(incident) }, dedupeKey: `incident:${incidentId}:${event.name}:${now.getTime()}` }]);
  }
  return incident;
}

export const reporterNotice = (key: string, extra: Record<string, string> = {}) => (i: IncidentView): TextRef => ({
  key,
  args: { ref: i.ref, category: { key: `category-${i.category}` }, ...extra },
});

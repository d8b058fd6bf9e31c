import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { enqueueMessages, PRIORITY, type OutboxMessage, type Recipient } from "../outbox/enqueue.js";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { incidentAttachments, incidentButtonsFor, incidentCardGroup, incidentCardText } from "./incident-card.js";
import type { IncidentView } from "./incident-view.js";

/** Who holds a copy of the report's card, however they got it (escalation, forward, triage). */
export async function cardHolderIds(tx: Db, incidentId: number): Promise<Set<number>> {
  const rows = await tx
    .select({ personId: outbox.personId })
    .from(outbox)
    .where(and(eq(outbox.groupKey, incidentCardGroup(incidentId)), inArray(outbox.status, ["pending", "sending", "sent"]), isNotNull(outbox.personId)));
  return new Set(rows.map((r) => r.personId!));
}

/**
 * Gives the card, after its photos, voice note and pin, to those of `recipients` who hold no copy
 * yet, each with their own buttons. `event` goes into the dedupe key, so a redelivered update
 * sends nothing twice. Returns how many got it.
 */
export async function sendCardToNewHolders(tx: Db, now: Date, view: IncidentView, recipients: Recipient[], event: string): Promise<number> {
  const holders = await cardHolderIds(tx, view.id);
  const buttonsFor = incidentButtonsFor(tx, view);
  const fresh = recipients.filter((to) => to.personId !== null && !holders.has(to.personId));
  const messages: OutboxMessage[] = [];
  for (const to of fresh) {
    const key = `incident-${event}:${view.id}:${to.personId}`;
    incidentAttachments(view).forEach((payload, i) => messages.push({ to, payload, dedupeKey: `${key}:${i}`, priority: PRIORITY.urgent }));
    messages.push({ to, payload: { kind: "message", text: incidentCardText(view), buttons: await buttonsFor(to.personId) }, dedupeKey: key, groupKey: incidentCardGroup(view.id), priority: PRIORITY.urgent });
  }
  await enqueueMessages(tx, now, messages);
  return fresh.length;
}

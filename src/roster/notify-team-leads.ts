import { enqueueMessages, type OutboxMessage } from "../outbox/enqueue.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { teamLeadRecipients, type LeadLevel } from "./team-leads.js";

/**
 * Tells a team's leads something, once per dedupe key; a card's copies share `groupKey`. The
 * text may depend on who receives it (see LeadLevel).
 */
export async function notifyTeamLeads(
  tx: Db,
  now: Date,
  teamId: number,
  content: TextRef | ((level: LeadLevel) => TextRef),
  dedupeKey: string,
  options: { buttons?: OutboxButton[][]; groupKey?: string } = {},
): Promise<number> {
  const { level, recipients } = await teamLeadRecipients(tx, teamId);
  const text = typeof content === "function" ? content(level) : content;
  const messages: OutboxMessage[] = recipients.map((to) => ({
    to,
    payload: { kind: "message", text, ...(options.buttons ? { buttons: options.buttons } : {}) },
    dedupeKey: `${dedupeKey}:${to.personId}`,
    ...(options.groupKey ? { groupKey: options.groupKey } : {}),
  }));
  return enqueueMessages(tx, now, messages);
}

import { eq } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { sameForAll, type ButtonsFor } from "../outbox/edit-group.js";
import type { TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";
import type { EscalationRow } from "./subject.js";

/** Copies of an escalation's card (understaffed shift, missing log, help request) share a group. */
export const escalationCardGroup = (escalationId: number) => `escalation:${escalationId}`;

/**
 * The subject's own text followed by where the escalation stands, with Acknowledge while nobody
 * owns it: everyone who holds a copy was told by the escalation, so each may press it.
 */
export async function escalationCard(tx: Db, escalation: EscalationRow, body: TextRef): Promise<{ text: TextRef; buttons: ButtonsFor }> {
  let status: TextRef;
  if (escalation.status === "owned") {
    const [owner] = escalation.ownerPersonId === null ? [] : await tx.select({ name: displayName(people) }).from(people).where(eq(people.id, escalation.ownerPersonId));
    status = { key: "esc-status-owned", args: { by: owner?.name ?? "-" } };
  } else {
    status = { key: `esc-status-${escalation.status}` };
  }
  const open = escalation.status === "active" || escalation.status === "exhausted";
  return {
    text: { key: "card-escalation", args: { body, status } },
    buttons: sameForAll(open ? [[{ text: { key: escalation.subject === "help" ? "btn-esc-on-my-way" : "btn-esc-ack" }, data: `es:a:${escalation.id}` }]] : []),
  };
}

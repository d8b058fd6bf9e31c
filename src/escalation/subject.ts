import type { ButtonsFor } from "../outbox/edit-group.js";
import type { OutboxPayload, TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import type { escalations } from "../storage/schema/index.js";

export type EscalationRow = typeof escalations.$inferSelect;
export type SubjectKind = EscalationRow["subject"];

/** How an escalated thing looks in a message, and whether it still needs anyone. */
export interface Presentation {
  /** Sent before the card to someone who has not had it yet: photos, a voice note, a map pin. */
  attachments: OutboxPayload[];
  text: TextRef;
  /** Each holder's buttons: what they may do with it now. */
  buttons: ButtonsFor;
  /** Every copy of the card shares it, so a change edits them all. */
  groupKey: string;
  urgent: boolean;
}

export interface SubjectHandler {
  present(tx: Db, escalation: EscalationRow): Promise<Presentation>;
  /** Why nobody needs to act any more (resolved, staffed, log closed …), or null. */
  settledReason(tx: Db, escalation: EscalationRow, now: Date): Promise<string | null>;
}

import type { ButtonsFor } from "../outbox/edit-group.js";
import type { OutboxButton, OutboxPayload, TextRef } from "../outbox/payload.js";
import type { Db } from "../storage/db.js";
import { incidentPermissions, mayGetVerdict, NO_PERMISSIONS, type IncidentPermissions } from "./incident-permissions.js";
import type { IncidentView } from "./incident-view.js";

/** Every copy of a report's card shares this group, so each change edits them all. */
export const incidentCardGroup = (incidentId: number) => `incident:${incidentId}`;

function statusLine(i: IncidentView): TextRef {
  const by = i.ownerName ?? "-";
  switch (i.status) {
    case "open":
      return { key: "incident-status-open" };
    case "acknowledged":
      return { key: "incident-status-acknowledged", args: { by } };
    case "forwarded":
      return { key: "incident-status-forwarded", args: { by } };
    case "resolved":
      return { key: "incident-status-resolved", args: { by, note: i.resolutionNote ?? "-" } };
  }
}

/** The card's text: what, where, who, and where it stands now. */
export function incidentCardText(i: IncidentView): TextRef {
  return {
    key: "card-incident",
    args: {
      category: { key: `category-${i.category}` },
      ref: i.ref,
      where: i.team ?? (i.town ? { key: "incident-public-town", args: { town: i.town } } : { key: "incident-public" }),
      reporter: i.public ? { key: "incident-resident" } : (i.reporterName ?? "-"),
      at: { datetime: i.createdAt.toISOString() },
      details: i.description ?? { key: i.voiceFileId ? "incident-voice-only" : "incident-no-details" },
      photos: i.photoFileIds.length,
      pin: i.latitude !== null ? "yes" : "no",
      voice: i.voiceFileId ? "yes" : "no",
      status: statusLine(i),
      verdict: i.verdict ? { key: `incident-verdict-${i.verdict}`, args: { by: i.verdictByName ?? "-" } } : { key: "incident-verdict-none" },
    },
  };
}

/**
 * The buttons of one copy: what its holder may do with the report in the state it is in. A
 * resolved report has none, a judged tip no verdict; the server checks every press again.
 */
export function incidentCardButtons(i: IncidentView, can: IncidentPermissions): OutboxButton[][] {
  if (i.status === "resolved") return [];
  const b = (key: string, action: string): OutboxButton => ({ text: { key }, data: `in:${action}:${i.id}` });
  const rows: OutboxButton[][] = [];
  if (can.handle) {
    if (i.status === "open") rows.push([b("btn-incident-ack", "a"), b("btn-incident-escalate", "e")]);
    const forward = can.forward && i.status !== "forwarded" ? [b("btn-incident-forward", "f")] : [];
    rows.push([...forward, b("btn-incident-resolve", "r")]);
    if (i.status !== "open") rows.push([b("btn-incident-escalate", "e")]);
  } else if (can.forward && i.status !== "forwarded") {
    rows.push([b("btn-incident-forward", "f")]);
  }
  if (can.verdict && mayGetVerdict(i) && i.verdict === null) rows.push([b("btn-tip-useful", "u"), b("btn-tip-not-useful", "n")]);
  if (can.triage && i.public) rows.push([{ text: { key: "btn-incident-town" }, data: `it:l:${i.id}` }]);
  return rows;
}

/** Each holder's buttons, from what they may do; `told` says the escalation is telling them now. */
export function incidentButtonsFor(db: Db, i: IncidentView): ButtonsFor {
  return async (personId, told) => incidentCardButtons(i, personId === null ? NO_PERMISSIONS : await incidentPermissions(db, i, personId, told));
}

/** What goes before the card the first time someone gets it: the photos, the voice note, the pin. */
export function incidentAttachments(i: IncidentView): OutboxPayload[] {
  const parts: OutboxPayload[] = [];
  if (i.photoFileIds.length > 0) parts.push({ kind: "photos", fileIds: i.photoFileIds, caption: { key: "incident-photos-caption", args: { ref: i.ref } } });
  if (i.voiceFileId) parts.push({ kind: "voice", fileId: i.voiceFileId, caption: { key: "incident-voice-caption", args: { ref: i.ref } } });
  if (i.latitude !== null && i.longitude !== null) parts.push({ kind: "location", latitude: i.latitude, longitude: i.longitude });
  return parts;
}

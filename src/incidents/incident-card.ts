import type { OutboxButton, OutboxPayload, TextRef } from "../outbox/payload.js";
import { POLICE_CATEGORIES } from "./categories.js";
import type { IncidentView } from "./incident-view.js";

/** Every copy of a report's card shares this group, so each change edits them all. */
export const incidentCardGroup = (incidentId: number) => `incident:${incidentId}`;

export const mayGetVerdict = (i: Pick<IncidentView, "category" | "forwardedAt">) => POLICE_CATEGORIES.includes(i.category) || i.forwardedAt !== null;

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
      where: i.team ?? { key: "incident-public" },
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

/** Buttons for the state it is in; whoever presses one is checked again on the server. */
export function incidentCardButtons(i: IncidentView): OutboxButton[][] {
  const b = (key: string, action: string): OutboxButton => ({ text: { key }, data: `in:${action}:${i.id}` });
  const rows: OutboxButton[][] = [];
  if (i.status === "open") rows.push([b("btn-incident-ack", "a"), b("btn-incident-escalate", "e")]);
  if (i.status !== "resolved") {
    rows.push(i.status === "forwarded" ? [b("btn-incident-resolve", "r")] : [b("btn-incident-forward", "f"), b("btn-incident-resolve", "r")]);
    if (i.status !== "open") rows.push([b("btn-incident-escalate", "e")]);
  }
  if (mayGetVerdict(i) && i.verdict === null) rows.push([b("btn-tip-useful", "u"), b("btn-tip-not-useful", "n")]);
  return rows;
}

/** What goes before the card the first time someone gets it: the photos, the voice note, the pin. */
export function incidentAttachments(i: IncidentView): OutboxPayload[] {
  const parts: OutboxPayload[] = [];
  if (i.photoFileIds.length > 0) parts.push({ kind: "photos", fileIds: i.photoFileIds, caption: { key: "incident-photos-caption", args: { ref: i.ref } } });
  if (i.voiceFileId) parts.push({ kind: "voice", fileId: i.voiceFileId, caption: { key: "incident-voice-caption", args: { ref: i.ref } } });
  if (i.latitude !== null && i.longitude !== null) parts.push({ kind: "location", latitude: i.latitude, longitude: i.longitude });
  return parts;
}

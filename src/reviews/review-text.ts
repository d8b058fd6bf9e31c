import { CATEGORIES } from "../incidents/categories.js";
import type { TextRef } from "../outbox/payload.js";
import { AFFILIATION_GROUPS, meanRating, rates, type Figures } from "./figures.js";

/** A rate as shown: "86%", or a dash when there was nothing to count. */
export const shown = (value: number | null) => (value === null ? "–" : `${value}%`);

/** "tips 1 · hazards 2 · …" */
export const reportsRef = (f: Figures): TextRef => ({ key: "review-reports", args: Object.fromEntries(CATEGORIES.map((c) => [c, f.incidents[c]])) });

/** "Party members 12 · League members 3 · …" */
export const affiliationRef = (f: Figures): TextRef => ({ key: "review-affiliation", args: Object.fromEntries(AFFILIATION_GROUPS.map((g) => [g, f.byAffiliation[g]])) });

/** The totals every review opens with, as message arguments. */
export function totalsArgs(f: Figures): NonNullable<TextRef["args"]> {
  const r = rates(f);
  return {
    staffed: shown(r.staffed),
    nightsMet: f.nightsMet,
    nights: f.nights,
    onTime: shown(r.onTime),
    noShows: f.noShows,
    logs: shown(r.logs),
    logsClosed: f.logsClosed,
    shiftsEnded: f.shiftsEnded,
    present: f.present,
    affiliation: affiliationRef(f),
    reports: reportsRef(f),
    tipsReported: f.incidents.tip,
    tipsVerified: f.tipsVerified,
    hazards: f.hazards,
    helped: f.helped,
    spotChecks: f.spotChecks,
    spotChecksOut: f.spotChecksOut,
    spotRating: meanRating(f) ?? "–",
  };
}

/** One line per town or team: the four figures a supervisor looks at first. */
export function unitLine(name: string, f: Figures): TextRef {
  const r = rates(f);
  return { key: "review-unit-line", args: { name, staffed: shown(r.staffed), onTime: shown(r.onTime), noShows: f.noShows, logs: shown(r.logs) } };
}

export const lines = (refs: TextRef[], separator?: string) => ({ lines: refs, ...(separator ? { separator } : {}) });

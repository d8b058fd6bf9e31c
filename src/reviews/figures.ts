import { CATEGORIES, type Category } from "../incidents/categories.js";
import { AFFILIATION_KINDS, type AffiliationKind } from "../roster/affiliation.js";

/**
 * A team's figures for a period of nights: plain counts, so a town's and the district's figures
 * are sums of their teams' and every rate is computed from counts, never averaged.
 *
 * Shift figures count the team's patrol shifts (not fixed posts) of the period that were not
 * cancelled and had started by the time of the review:
 * - nights: such shifts (one patrol per team and night, so nights);
 * - nightsMet: nights on which the people checked in reached the shift's required headcount;
 * - places: the required headcounts added up; present: people checked in (volunteer-nights);
 * - rostered: people on the roster at the start, counting a no-show even if taken off later;
 * - onTime: people checked in no later than ON_TIME_GRACE_MINUTES after the start;
 * - noShows: people the no-show rule marked (30 minutes after the start) and nobody marked present;
 * - shiftsEnded / logsClosed: shifts over by then, and those of them whose duty log was closed;
 * - hazards / helped: from each shift's duty-log figures as they stand (confirmed, or as last read).
 * Reports (incidents) count those of the team's volunteers belonging to the period: the night of
 * the shift they were sent from, else the local date they were sent. tipsVerified: reports the
 * police liaison marked as a useful tip. byAffiliation splits `present` by the volunteer's kind.
 * Spot checks count the visits of the period's nights (a visit after midnight belongs to the night
 * before), those that found the team out, and the ratings added up (an average is a sum over visits).
 *
 * To add a figure: a field here and in emptyFigures, a part in figure-parts.ts that fills it, and
 * a column in review-table.ts. A criterion for the evaluation is then one entry in criteria.ts.
 */
export interface Figures {
  nights: number;
  nightsMet: number;
  places: number;
  rostered: number;
  present: number;
  onTime: number;
  noShows: number;
  shiftsEnded: number;
  logsClosed: number;
  hazards: number;
  helped: number;
  incidents: Record<Category, number>;
  tipsVerified: number;
  spotChecks: number;
  spotChecksOut: number;
  spotRatingSum: number;
  byAffiliation: Record<AffiliationGroup, number>;
}

/** A check-in in the first minutes still counts as on time: people arrive, then take out their phones. */
export const ON_TIME_GRACE_MINUTES = 5;

/** Volunteers with no affiliation on record are counted too, so the split adds up to `present`. */
export type AffiliationGroup = AffiliationKind | "none";
export const AFFILIATION_GROUPS: readonly AffiliationGroup[] = [...AFFILIATION_KINDS, "none"];

export function emptyFigures(): Figures {
  return {
    nights: 0,
    nightsMet: 0,
    places: 0,
    rostered: 0,
    present: 0,
    onTime: 0,
    noShows: 0,
    shiftsEnded: 0,
    logsClosed: 0,
    hazards: 0,
    helped: 0,
    incidents: Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>,
    tipsVerified: 0,
    spotChecks: 0,
    spotChecksOut: 0,
    spotRatingSum: 0,
    byAffiliation: Object.fromEntries(AFFILIATION_GROUPS.map((k) => [k, 0])) as Record<AffiliationGroup, number>,
  };
}

/** Nested partial figures, as one part of the figures fills them. */
export type FigureDelta = { [K in keyof Figures]?: Figures[K] extends number ? number : Partial<Figures[K]> };

/** Adds `delta` into `into`, number by number, at any depth. */
export function addInto(into: Figures, delta: FigureDelta): Figures {
  const target = into as unknown as Record<string, number | Record<string, number>>;
  for (const [key, value] of Object.entries(delta)) {
    if (typeof value === "number") target[key] = ((target[key] as number) ?? 0) + value;
    else if (value) {
      const inner = (target[key] ??= {}) as Record<string, number>;
      for (const [k, v] of Object.entries(value as Record<string, number>)) inner[k] = (inner[k] ?? 0) + v;
    }
  }
  return into;
}

export const sumFigures = (rows: Array<{ figures: Figures }>): Figures => rows.reduce((total, r) => addInto(total, r.figures as FigureDelta), emptyFigures());

/** A share as a whole percentage; null when there is nothing to divide by. */
export const percent = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 100) : null);

/** The rates a review shows, each with what it is a share of. */
export const rates = (f: Figures) => ({
  staffed: percent(f.nightsMet, f.nights),
  onTime: percent(f.onTime, f.rostered),
  logs: percent(f.logsClosed, f.shiftsEnded),
});

/** The spot checks' mean rating to one decimal, or null when nobody visited. */
export const meanRating = (f: Figures): number | null => (f.spotChecks > 0 ? Math.round((f.spotRatingSum / f.spotChecks) * 10) / 10 : null);

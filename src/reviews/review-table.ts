import { CATEGORIES } from "../incidents/categories.js";
import type { TableSpec, TextRef } from "../outbox/payload.js";
import { CRITERION_NAMES } from "./criteria.js";
import { AFFILIATION_GROUPS, meanRating, percent, type Figures } from "./figures.js";
import type { Ranking } from "./rank-teams.js";
import type { TeamFigures } from "./team-figures.js";

type Cell = string | number | null;
interface Column {
  title: TextRef;
  cell(team: TeamFigures, figures: Figures, ranked: Ranking["teams"][number] | undefined): Cell;
}

const col = (key: string, cell: Column["cell"], args?: TextRef["args"]): Column => ({ title: args ? { key, args } : { key }, cell });

/** The full per-team table, one column per figure: what the phone message leaves out is here. */
const COLUMNS: Column[] = [
  col("review-col-rank", (_t, _f, r) => r?.rank ?? null),
  col("review-col-score", (_t, _f, r) => r?.score ?? null),
  col("review-col-town", (t) => t.town),
  col("review-col-community", (t) => t.community),
  col("review-col-team", (t) => t.team),
  col("review-col-nights", (_t, f) => f.nights),
  col("review-col-nights-met", (_t, f) => f.nightsMet),
  col("review-col-staffed-pct", (_t, f) => percent(f.nightsMet, f.nights)),
  col("review-col-places", (_t, f) => f.places),
  col("review-col-rostered", (_t, f) => f.rostered),
  col("review-col-present", (_t, f) => f.present),
  col("review-col-on-time", (_t, f) => f.onTime),
  col("review-col-on-time-pct", (_t, f) => percent(f.onTime, f.rostered)),
  col("review-col-no-shows", (_t, f) => f.noShows),
  col("review-col-shifts-ended", (_t, f) => f.shiftsEnded),
  col("review-col-logs-closed", (_t, f) => f.logsClosed),
  col("review-col-logs-pct", (_t, f) => percent(f.logsClosed, f.shiftsEnded)),
  col("review-col-hazards", (_t, f) => f.hazards),
  col("review-col-helped", (_t, f) => f.helped),
  ...CATEGORIES.map((c) => col("review-col-reports", (_t, f) => f.incidents[c], { category: { key: `review-category-${c}` } })),
  col("review-col-tips-verified", (_t, f) => f.tipsVerified),
  col("review-col-spot-checks", (_t, f) => f.spotChecks),
  col("review-col-spot-checks-out", (_t, f) => f.spotChecksOut),
  col("review-col-spot-rating", (_t, f) => meanRating(f)),
  ...AFFILIATION_GROUPS.map((g) => col("review-col-affiliation", (_t, f) => f.byAffiliation[g], { kind: { key: `review-affiliation-${g}` } })),
  ...CRITERION_NAMES.map((name) => col("review-col-criterion", (_t, _f, r) => (r ? Math.round(r.criteria[name] * 1000) / 10 : null), { criterion: { key: `review-criterion-${name}` } })),
];

/** Teams ranked first by rank, then those without a patrol night in the period. */
export function teamTable(rows: TeamFigures[], ranking: Ranking): TableSpec {
  const rankOf = new Map(ranking.teams.map((r) => [r.teamId, r]));
  const ordered = [...rows].sort((a, b) => (rankOf.get(a.teamId)?.rank ?? Infinity) - (rankOf.get(b.teamId)?.rank ?? Infinity) || a.teamId - b.teamId);
  return {
    columns: COLUMNS.map((c) => c.title),
    rows: ordered.map((team) => COLUMNS.map((c) => c.cell(team, team.figures, rankOf.get(team.teamId)))),
  };
}

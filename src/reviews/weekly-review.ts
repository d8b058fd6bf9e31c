import type { DomainContext } from "../domain/context.js";
import type { ChartSpec, TableSpec, TextRef } from "../outbox/payload.js";
import type { Night } from "../shifts/night.js";
import type { Db } from "../storage/db.js";
import { AFFILIATION_GROUPS, rates, sumFigures } from "./figures.js";
import { lastCompleteWeek, parseReviewDate, weekHolding, type Period } from "./period.js";
import { rankTeams, type Ranking } from "./rank-teams.js";
import { inScope, reviewScopeOf, type ReviewScope } from "./review-scope.js";
import type { ReviewSettings } from "./review-settings.js";
import { teamTable } from "./review-table.js";
import { lines, totalsArgs, unitLine } from "./review-text.js";
import { byTown, teamFigures, type TeamFigures } from "./team-figures.js";

/** Teams a review names among the best, and at most how many it names as needing attention. */
const TOP_TEAMS = 5;
const ATTENTION_TEAMS = 5;
/** Below this share of nights at full strength, or of logs closed, a team needs attention. */
const ATTENTION_BELOW = 80;

export interface WeekData {
  period: Period;
  /** Every team of the district: the ranking is the district's whoever reads it. */
  rows: TeamFigures[];
  ranking: Ranking;
}

export interface ReviewContent {
  text: TextRef;
  chart: ChartSpec;
  table: TableSpec;
  /** Names the chart and CSV files: "review-2027-05-03". */
  fileStem: string;
}

/** The figures and the ranking of the week holding `night`, as they stand at `now`. */
export async function loadWeek(db: Db, night: Night, now: Date, settings: ReviewSettings): Promise<WeekData> {
  const period = { ...weekHolding(night), asOf: now };
  const rows = await teamFigures(db, period, settings.timeZone);
  return { period, rows, ranking: rankTeams(rows, settings.weights) };
}

function attentionLines(data: WeekData, rows: TeamFigures[]): TextRef {
  const rankOf = new Map(data.ranking.teams.map((r) => [r.teamId, r.rank]));
  const weak = rows
    .filter((t) => t.figures.nights > 0)
    .filter((t) => {
      const r = rates(t.figures);
      return (r.staffed ?? 100) < ATTENTION_BELOW || (r.logs ?? 100) < ATTENTION_BELOW;
    })
    .sort((a, b) => (rankOf.get(b.teamId) ?? 0) - (rankOf.get(a.teamId) ?? 0));
  if (weak.length === 0) return { key: "review-attention-none", args: { below: ATTENTION_BELOW } };
  const shown = weak.slice(0, ATTENTION_TEAMS).map((t) => ({
    key: "review-attention-line",
    args: { team: t.team, town: t.town, nightsMet: t.figures.nightsMet, nights: t.figures.nights, logsClosed: t.figures.logsClosed, shiftsEnded: t.figures.shiftsEnded, noShows: t.figures.noShows },
  }));
  const more = weak.length - shown.length;
  return { key: "review-attention", args: { below: ATTENTION_BELOW, lines: lines(more > 0 ? [...shown, { key: "review-attention-more", args: { more } }] : shown) } };
}

/** The review of a week for a scope: the message, the chart and the full table. */
export function composeReview(data: WeekData, scope: ReviewScope): ReviewContent {
  const rows = data.rows.filter((t) => inScope(scope, t.townId));
  const towns = byTown(rows);
  const total = sumFigures(rows);
  const teamsById = new Map(rows.map((t) => [t.teamId, t]));
  const { from, to } = data.period;
  const scopeName: string | TextRef = scope.kind === "district" ? { key: "review-scope-district" } : towns.map((t) => t.town).join(", ") || "–";
  // The district by town; a supervisor's towns by team, which is what they act on.
  const units = scope.kind === "district" ? towns.map((t) => ({ name: t.town, figures: t.figures })) : rows.map((t) => ({ name: t.team, figures: t.figures }));
  const top = data.ranking.teams
    .filter((r) => teamsById.has(r.teamId))
    .slice(0, TOP_TEAMS)
    .map((r) => ({ key: "review-top-line", args: { rank: r.rank, size: data.ranking.size, team: teamsById.get(r.teamId)!.team, town: teamsById.get(r.teamId)!.town, score: r.score } }));
  const text: TextRef = {
    key: "review-weekly",
    args: {
      from: { date: from },
      to: { date: to },
      scope: scopeName,
      ...totalsArgs(total),
      units: { key: scope.kind === "district" ? "review-by-town" : "review-by-team", args: { lines: lines(units.map((u) => unitLine(u.name, u.figures))) } },
      top: top.length ? { key: "review-top", args: { lines: lines(top) } } : { key: "review-top-none" },
      attention: attentionLines(data, rows),
    },
  };
  const charted = units.slice(0, 60);
  const series = (key: string, pick: (r: ReturnType<typeof rates>) => number | null) => ({ label: { key }, values: charted.map((u) => pick(rates(u.figures)) ?? 0) });
  const chart: ChartSpec = {
    title: { key: "review-chart-title", args: { from: { date: from }, to: { date: to }, scope: scopeName } },
    bars: {
      labels: charted.map((u) => u.name),
      series: [series("review-chart-staffed", (r) => r.staffed), series("review-chart-on-time", (r) => r.onTime), series("review-chart-logs", (r) => r.logs)],
      percent: true,
      target: { value: ATTENTION_BELOW, label: { key: "review-chart-target", args: { percent: ATTENTION_BELOW } } },
    },
    pie: {
      title: { key: "review-chart-affiliation", args: { present: total.present } },
      labels: AFFILIATION_GROUPS.map((g) => ({ key: "review-chart-affiliation-label", args: { kind: { key: `review-affiliation-${g}` }, n: total.byAffiliation[g] } })),
      values: AFFILIATION_GROUPS.map((g) => total.byAffiliation[g]),
    },
  };
  const stem = scope.kind === "district" ? `review-${from}` : `review-${from}-town-${[...scope.townIds].sort((a, b) => a - b).join("-")}`;
  return { text, chart, table: teamTable(rows, data.ranking), fileStem: stem };
}

/**
 * /review: coordinators get the district's week, supervisors their towns'; anyone else is
 * refused. `date` is any night of the week wanted; without it, the last complete week.
 */
export async function reviewWeek(ctx: DomainContext, settings: ReviewSettings, input: { date?: string } = {}): Promise<ReviewContent & { period: Period }> {
  const scope = await reviewScopeOf(ctx);
  const night = input.date ? parseReviewDate(input.date, ctx.now, settings.timeZone) : lastCompleteWeek(ctx.now, settings.timeZone).from;
  const data = await loadWeek(ctx.db, night, ctx.now, settings);
  return { ...composeReview(data, scope), period: data.period };
}

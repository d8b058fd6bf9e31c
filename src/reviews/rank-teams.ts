import { CRITERIA, CRITERION_NAMES, type CriterionName, type EvaluationWeights } from "./criteria.js";
import type { TeamFigures } from "./team-figures.js";

export interface RankedTeam {
  teamId: number;
  /** 1..n, no two teams share a rank. */
  rank: number;
  /** 0..100, one decimal: the weighted mean of the criteria. */
  score: number;
  /** Each criterion as 0..1, before weighting. */
  criteria: Record<CriterionName, number>;
}

export interface Ranking {
  teams: RankedTeam[];
  /** Teams ranked: those with at least one patrol night in the period. */
  size: number;
}

/**
 * The evaluation: each criterion normalised to 0..1 (rates as they are, counts against the best
 * team's), weighted, and scaled to 0..100. Equal scores go to the team with more volunteer-nights,
 * then to the lower team number, so the order never depends on the database's.
 */
export function rankTeams(rows: TeamFigures[], weights: EvaluationWeights): Ranking {
  const patrolled = rows.filter((r) => r.figures.nights > 0);
  const best = Object.fromEntries(CRITERION_NAMES.map((name) => [name, Math.max(0, ...patrolled.map((r) => CRITERIA[name].value(r.figures)[0]))])) as Record<CriterionName, number>;
  const totalWeight = CRITERION_NAMES.reduce((sum, name) => sum + weights[name], 0);
  const scored = patrolled.map((row) => {
    const criteria = {} as Record<CriterionName, number>;
    for (const name of CRITERION_NAMES) {
      const criterion = CRITERIA[name];
      const [part, whole] = criterion.value(row.figures);
      const divisor = criterion.kind === "rate" ? whole : best[name];
      criteria[name] = divisor > 0 ? Math.min(1, Math.max(0, part / divisor)) : 0;
    }
    const weighted = CRITERION_NAMES.reduce((sum, name) => sum + weights[name] * criteria[name], 0);
    return { row, criteria, score: Math.round((weighted / totalWeight) * 1000) / 10 };
  });
  scored.sort((a, b) => b.score - a.score || b.row.figures.present - a.row.figures.present || a.row.teamId - b.row.teamId);
  return { teams: scored.map((s, i) => ({ teamId: s.row.teamId, rank: i + 1, score: s.score, criteria: s.criteria })), size: scored.length };
}

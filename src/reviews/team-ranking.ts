import { isCoordinator, ledTeamIds, loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError } from "../domain/errors.js";
import type { TableSpec, TextRef } from "../outbox/payload.js";
import { CRITERION_NAMES } from "./criteria.js";
import { lastCompleteWeek, parseReviewDate } from "./period.js";
import type { ReviewSettings } from "./review-settings.js";
import { teamTable } from "./review-table.js";
import { lines } from "./review-text.js";
import { loadWeek, type WeekData } from "./weekly-review.js";

/** How many teams the ranking message lists; the CSV has them all. */
const RANKING_LINES = 20;

/** The criteria and their weights, as one line. */
export function weightsRef(settings: ReviewSettings): TextRef {
  const parts = CRITERION_NAMES.filter((name) => settings.weights[name] > 0).map((name) => ({ key: "review-weight", args: { criterion: { key: `review-criterion-${name}` }, weight: settings.weights[name] } }));
  return { key: "review-weights", args: { weights: lines(parts, " · ") } };
}

/** One team's place in the week's ranking, as its leader is told it. */
export function ownPositionRef(data: WeekData, teamId: number): TextRef {
  const team = data.rows.find((t) => t.teamId === teamId);
  const ranked = data.ranking.teams.find((r) => r.teamId === teamId);
  const week = { team: team?.team ?? "–", from: { date: data.period.from }, to: { date: data.period.to } };
  if (!ranked) return { key: "review-rank-unranked", args: week };
  return { key: "review-rank-own", args: { ...week, rank: ranked.rank, size: data.ranking.size, score: ranked.score } };
}

export type RankingView = { kind: "district"; text: TextRef; table: TableSpec; fileStem: string } | { kind: "own"; texts: TextRef[] };

/**
 * /ranking: coordinators see the whole ranking (the first lines, and every team in a CSV); a
 * team's leader or deputy sees their own team's place; anyone else is refused.
 */
export async function teamRanking(ctx: DomainContext, settings: ReviewSettings, input: { date?: string } = {}): Promise<RankingView> {
  const access = ctx.actor.type === "person" ? await loadAccess(ctx.db, ctx.actor.personId) : null;
  const coordinator = access === null || isCoordinator(access);
  const ownTeams = access ? ledTeamIds(access) : [];
  if (!coordinator && ownTeams.length === 0) throw new ForbiddenError("ranking.not_allowed");
  const night = input.date ? parseReviewDate(input.date, ctx.now, settings.timeZone) : lastCompleteWeek(ctx.now, settings.timeZone).from;
  const data = await loadWeek(ctx.db, night, ctx.now, settings);
  if (!coordinator) return { kind: "own", texts: ownTeams.map((teamId) => ownPositionRef(data, teamId)) };
  const teams = new Map(data.rows.map((t) => [t.teamId, t]));
  const listed = data.ranking.teams.slice(0, RANKING_LINES).map((r) => ({ key: "review-ranking-line", args: { rank: r.rank, team: teams.get(r.teamId)!.team, town: teams.get(r.teamId)!.town, score: r.score } }));
  const text: TextRef = {
    key: "review-ranking",
    args: { from: { date: data.period.from }, to: { date: data.period.to }, size: data.ranking.size, weights: weightsRef(settings), lines: listed.length ? lines(listed) : { key: "review-ranking-empty" } },
  };
  return { kind: "district", text, table: teamTable(data.rows, data.ranking), fileStem: `ranking-${data.period.from}` };
}

import { z } from "zod";
import type { Figures } from "./figures.js";

/**
 * What the team evaluation (评优) weighs. A criterion is either a rate (already 0..1) or a count,
 * which is divided by the best team's count so the best team gets 1. A team with nothing to
 * divide by gets 0 for that criterion. Adding a criterion is one entry here, a default weight,
 * and its name in the two languages (review-criterion-<name>).
 */
export const CRITERIA = {
  /** Nights at full strength. */
  staffing: { kind: "rate", value: (f: Figures) => [f.nightsMet, f.nights] },
  /** People on the roster who checked in on time. */
  punctuality: { kind: "rate", value: (f: Figures) => [f.onTime, f.rostered] },
  /** People on the roster who came at all: one minus the no-show share. */
  attendance: { kind: "rate", value: (f: Figures) => [f.rostered - f.noShows, f.rostered] },
  /** Duty logs closed, of the shifts that ended. */
  logs: { kind: "rate", value: (f: Figures) => [f.logsClosed, f.shiftsEnded] },
  /** Reports the police marked as useful tips. */
  tips: { kind: "count", value: (f: Figures) => [f.tipsVerified, 1] },
  /** Hazards found, from the duty logs. */
  hazards: { kind: "count", value: (f: Figures) => [f.hazards, 1] },
  /** People helped, from the duty logs. */
  helped: { kind: "count", value: (f: Figures) => [f.helped, 1] },
  /** The supervisors' spot-check ratings (1-5) as a share of full marks; an unvisited team gets 0. */
  spotChecks: { kind: "rate", value: (f: Figures) => [f.spotRatingSum, f.spotChecks * 5] },
} as const satisfies Record<string, { kind: "rate" | "count"; value: (f: Figures) => readonly [number, number] }>;

export type CriterionName = keyof typeof CRITERIA;
export const CRITERION_NAMES = Object.keys(CRITERIA) as CriterionName[];
export type EvaluationWeights = Record<CriterionName, number>;

/**
 * Spot checks weigh nothing by default: supervisors visit a sample of teams, and a team nobody
 * visited would lose points it could not earn. A district that visits every team weekly can weigh them.
 */
export const DEFAULT_WEIGHTS: EvaluationWeights = { staffing: 30, punctuality: 15, attendance: 15, logs: 15, tips: 10, hazards: 10, helped: 5, spotChecks: 0 };

/**
 * EVALUATION_WEIGHTS: a JSON object of criterion → weight, e.g. {"staffing":40,"tips":20}.
 * Criteria left out keep their default; 0 leaves one out of the score.
 */
export const evaluationWeightsSchema = z.string().transform((raw, ctx): EvaluationWeights => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({ code: "custom", message: `is not JSON; write it like {"staffing":40,"tips":20}` });
    return z.NEVER;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    ctx.addIssue({ code: "custom", message: `must be a JSON object of criterion and weight, like {"staffing":40,"tips":20}` });
    return z.NEVER;
  }
  const weights = { ...DEFAULT_WEIGHTS };
  for (const [name, weight] of Object.entries(parsed)) {
    if (!CRITERION_NAMES.includes(name as CriterionName)) {
      ctx.addIssue({ code: "custom", message: `"${name}" is not a criterion (known: ${CRITERION_NAMES.join(", ")})` });
      return z.NEVER;
    }
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0 || weight > 1000) {
      ctx.addIssue({ code: "custom", message: `the weight of "${name}" must be a number from 0 to 1000` });
      return z.NEVER;
    }
    weights[name as CriterionName] = weight;
  }
  if (CRITERION_NAMES.every((name) => weights[name] === 0)) {
    ctx.addIssue({ code: "custom", message: "at least one criterion needs a weight above 0" });
    return z.NEVER;
  }
  return weights;
});

import { z } from "zod";
import type { Config } from "../config/config.js";
import { DEFAULT_WEIGHTS, type EvaluationWeights } from "./criteria.js";
import type { WeeklyMoment } from "./period.js";

const WEEKDAYS = ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"];

/** WEEKLY_REVIEW_AT: "MON 08:00", a weekday and a local time in BOT_TIMEZONE. */
export const weeklyMomentSchema = z.string().transform((raw, ctx): WeeklyMoment => {
  const m = /^([A-Za-z]{3})\s+([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  const weekday = m ? WEEKDAYS.indexOf(m[1]!.toUpperCase()) + 1 : 0;
  if (!m || weekday === 0) {
    ctx.addIssue({ code: "custom", message: `"${raw}" is not a weekday and a time, like MON 08:00 (weekdays ${WEEKDAYS.join(" ")})` });
    return z.NEVER;
  }
  return { weekday, time: `${m[2]}:${m[3]}` };
});

/** The deployment's review rules, read from the configuration once. */
export interface ReviewSettings {
  timeZone: string;
  weeklyAt: WeeklyMoment;
  weights: EvaluationWeights;
}

export function reviewSettingsFrom(config: Config): ReviewSettings {
  return { timeZone: config.BOT_TIMEZONE, weeklyAt: config.WEEKLY_REVIEW_AT, weights: config.EVALUATION_WEIGHTS };
}

export const DEFAULT_REVIEW_SETTINGS: Omit<ReviewSettings, "timeZone"> = { weeklyAt: { weekday: 1, time: "08:00" }, weights: DEFAULT_WEIGHTS };

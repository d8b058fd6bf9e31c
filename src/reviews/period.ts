import { z } from "zod";
import { ValidationError } from "../domain/errors.js";
import { addDays, localNight, shiftWindow, weekOf, type Night } from "../shifts/night.js";

/** Consecutive nights, first and last included; figures are taken as they stood at `asOf`. */
export interface Period {
  from: Night;
  to: Night;
  asOf: Date;
}

/** The week, Monday to Sunday in BOT_TIMEZONE, that holds `night`. */
export const weekHolding = (night: Night) => ({ from: weekOf(night), to: addDays(weekOf(night), 6) });

/** The last week whose nights are all over: at any moment, the week before the current one. */
export const lastCompleteWeek = (now: Date, timeZone: string) => weekHolding(addDays(weekOf(localNight(now, timeZone)), -7));

/** "2027-05-04" as a review asks for it: a real date, not in the future. */
export function parseReviewDate(text: string, now: Date, timeZone: string): Night {
  const trimmed = text.trim();
  if (!z.iso.date().safeParse(trimmed).success) throw new ValidationError("review.bad_date", { text: trimmed.slice(0, 20) });
  if (trimmed > localNight(now, timeZone)) throw new ValidationError("review.future_date", { text: trimmed });
  return trimmed;
}

/** A local weekday and time, such as Monday 08:00 for the weekly review. */
export interface WeeklyMoment {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  time: string;
}

/** The latest occurrence of `moment` at or before `now`. */
export function latestOccurrence(moment: WeeklyMoment, now: Date, timeZone: string): Date {
  const day = addDays(weekOf(localNight(now, timeZone)), moment.weekday - 1);
  const { startsAt } = shiftWindow(day, moment.time, moment.time, timeZone);
  return startsAt <= now ? startsAt : shiftWindow(addDays(day, -7), moment.time, moment.time, timeZone).startsAt;
}

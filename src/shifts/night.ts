import { TZDate } from "@date-fns/tz";
import { keptAnswers } from "../domain/kept-answers.js";

/**
 * A night is the local date (YYYY-MM-DD, in BOT_TIMEZONE) on which a shift starts: a window of
 * 22:00-02:00 on 1 May belongs to the night of 1 May.
 */
export type Night = string;

const NIGHT = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-4]):([0-5]\d)$/;

function parts(night: Night): [number, number, number] {
  const m = NIGHT.exec(night);
  if (!m) throw new Error(`not a night: ${night}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

export function addDays(night: Night, days: number): Night {
  const [y, m, d] = parts(night);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(night: Night): number {
  const [y, m, d] = parts(night);
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of the night's week: weekly caps and week-long duties count Monday to Sunday. */
export const weekOf = (night: Night): Night => addDays(night, 1 - isoWeekday(night));

export const nightsFrom = (first: Night, count: number): Night[] => Array.from({ length: count }, (_, i) => addDays(first, i));

const QUARTER_HOUR_MS = 15 * 60 * 1000;

/**
 * The local date of an instant. Time zones today are whole quarter hours off UTC and change only
 * on a quarter hour, so every instant of a quarter hour has the same local date. Each check-in
 * asks for tonight's: the answer for the quarter hour is kept rather than asked of the time zone
 * database each time.
 */
export const localNight = keptAnswers(256, (instant: Date, timeZone: string) => `${timeZone} ${Math.floor(instant.getTime() / QUARTER_HOUR_MS)}`, nightAt);

function nightAt(instant: Date, timeZone: string): Night {
  const local = new TZDate(instant.getTime(), timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

export function isClock(text: string): boolean {
  return CLOCK.test(text) && (text < "24:00" || text === "24:00");
}

/** The instants a local window covers on a night; an end at or before the start is the next day. */
export function shiftWindow(night: Night, start: string, end: string, timeZone: string): { startsAt: Date; endsAt: Date } {
  const [y, m, d] = parts(night);
  const at = (clock: string, dayOffset: number) => {
    const c = CLOCK.exec(clock);
    if (!c) throw new Error(`not a time: ${clock}`);
    return new Date(new TZDate(y, m - 1, d + dayOffset, Number(c[1]), Number(c[2]), 0, timeZone).getTime());
  };
  const startsAt = at(start, 0);
  let endsAt = at(end, 0);
  if (endsAt <= startsAt) endsAt = at(end, 1);
  return { startsAt, endsAt };
}

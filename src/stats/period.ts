import { TZDate } from "@date-fns/tz";
import { localNight, type Night } from "../shifts/night.js";

/** The periods /stats offers: this calendar year, the last 12 months, or everything. */
export const STATS_PERIODS = ["year", "12m", "all"] as const;
export type StatsPeriod = (typeof STATS_PERIODS)[number];

/** Nights from `from` to `to`, both included; from is null for "since the first night". */
export interface NightRange {
  from: Night | null;
  to: Night;
}

/** The nights a period covers, up to and including today's (local) night. */
export function periodRange(period: StatsPeriod, now: Date, timeZone: string): NightRange {
  const today = localNight(now, timeZone);
  switch (period) {
    case "year":
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case "12m": {
      // The same date a year ago, plus one: twelve months of nights ending tonight.
      const [y, m, d] = today.split("-").map(Number) as [number, number, number];
      return { from: new Date(Date.UTC(y - 1, m - 1, d + 1)).toISOString().slice(0, 10), to: today };
    }
    case "all":
      return { from: null, to: today };
  }
}

/** The instant a local date begins, e.g. to count reports made from the first night on. */
export function startOfNight(night: Night, timeZone: string): Date {
  const [y, m, d] = night.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, 0, timeZone).getTime());
}

import { and, count, eq, gte, inArray, lt, lte, min, sql, sum, type SQL } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { addDays } from "../shifts/night.js";
import { assignments, incidents, shifts } from "../storage/schema/index.js";
import { periodRange, startOfNight, type NightRange, type StatsPeriod } from "./period.js";
import { served, servedMinutes } from "./served-time.js";
import { ownServiceRecord } from "./service-record.js";

/** Reports that are information for the police; emergencies are not counted as tips. */
export const TIP_CATEGORIES = ["tip", "suspicious"] as const;

export interface StatsFigures {
  nights: number;
  minutes: number;
  /** Hours as a statement prints them: each night rounded to a tenth, then added up. */
  tenths: number;
  tipsReported: number;
  /** Marked useful by the police liaison. */
  tipsVerified: number;
  /** The first night served in the period, if any. */
  firstNight: string | null;
}

/** The actor's own figures for a period (see served-time.ts for what counts as a night and its hours). */
export async function myStats(ctx: DomainContext, period: StatsPeriod, timeZone: string) {
  const person = await ownServiceRecord(ctx);
  const range = periodRange(period, ctx.now, timeZone);
  const figures = await serviceFigures(ctx, person.personId, range, timeZone);
  return { person, period, range, figures };
}

export async function serviceFigures(ctx: DomainContext, personId: number, range: NightRange, timeZone: string): Promise<StatsFigures> {
  const nights: SQL[] = [lte(shifts.night, range.to), ...(range.from ? [gte(shifts.night, range.from)] : [])];
  const [time] = await ctx.db
    .select({
      nights: count(),
      minutes: sum(servedMinutes(ctx.now)).mapWith(Number),
      tenths: sql<number>`coalesce(sum(round(${servedMinutes(ctx.now)} / 6.0)), 0)::int`.mapWith(Number),
      firstNight: min(shifts.night),
    })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(eq(assignments.personId, personId), served, ...nights));
  // Reports count by when they were made, in local dates.
  const made: SQL[] = [lt(incidents.createdAt, startOfNight(addDays(range.to, 1), timeZone)), ...(range.from ? [gte(incidents.createdAt, startOfNight(range.from, timeZone))] : [])];
  const [tips] = await ctx.db
    .select({ reported: count(), verified: sql<number>`count(*) filter (where ${incidents.verdict} = 'useful')`.mapWith(Number) })
    .from(incidents)
    .where(and(eq(incidents.reporterPersonId, personId), inArray(incidents.category, [...TIP_CATEGORIES]), ...made));
  return {
    nights: time?.nights ?? 0,
    minutes: time?.minutes ?? 0,
    tenths: time?.tenths ?? 0,
    tipsReported: tips?.reported ?? 0,
    tipsVerified: tips?.verified ?? 0,
    firstNight: time?.firstNight ?? null,
  };
}

import { and, asc, eq, gte, isNull, lte, type SQL } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import { formatRef } from "../incidents/categories.js";
import type { Db } from "../storage/db.js";
import { localNight, type Night } from "../shifts/night.js";
import { assignments, duties, serviceStatements, shifts, teams } from "../storage/schema/index.js";
import { periodRange, startOfNight, type NightRange, type StatsPeriod } from "./period.js";
import { localClock, served, servedMinutes, servedUntil } from "./served-time.js";
import { ownServiceRecord } from "./service-record.js";

export interface StatementSettings {
  timeZone: string;
  /** The district's reference prefix (REPORT_PREFIX): statements are numbered "NH-S-2027-000042". */
  refPrefix: string;
}

export interface StatementRow {
  night: Night;
  team: string;
  duty: { kind: "patrol" | "post"; name: string; location: string | null };
  /** Local times of check-in and of the counted end. */
  from: string;
  to: string;
  minutes: number;
}

export interface Statement {
  number: string;
  issuedAt: Date;
  issuedNight: Night;
  person: { name: string | null; affiliation: string | null };
  period: { from: Night; to: Night };
  rows: StatementRow[];
  totals: { nights: number; minutes: number };
}

/**
 * The actor's own service-hours statement for a period: a row per night served and the totals,
 * recorded under a number they can quote. Someone with no nights in the period gets no statement
 * (a certificate of nothing is of no use and would only use up a number): they are told so.
 * Asking again the same day for the same figures gives the same number.
 */
export async function issueStatement(ctx: DomainContext, input: { period: StatsPeriod; clientKey: string }, settings: StatementSettings): Promise<Statement> {
  const person = await ownServiceRecord(ctx);
  const range = periodRange(input.period, ctx.now, settings.timeZone);
  const rows = await statementRows(ctx.db, person.personId, range, ctx.now, settings.timeZone);
  if (rows.length === 0) throw new ValidationError("stats.no_nights");
  const period = { from: range.from ?? rows[0]!.night, to: range.to };
  const totals = { nights: rows.length, minutes: rows.reduce((sum, r) => sum + r.minutes, 0) };
  const issuedNight = localNight(ctx.now, settings.timeZone);

  const recorded = (await sameStatementToday(ctx.db, person.personId, range, totals, startOfNight(issuedNight, settings.timeZone))) ?? (await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(serviceStatements)
      .values({ number: `pending:${input.clientKey}`, clientKey: input.clientKey, personId: person.personId, periodFrom: range.from, periodTo: range.to, ...totals, issuedAt: ctx.now })
      .onConflictDoNothing({ target: serviceStatements.clientKey })
      .returning({ id: serviceStatements.id });
    if (!row) {
      // The same press delivered again: the statement it already issued. (Telegram assigns the
      // press's id, so another person's request cannot carry it.)
      const [again] = await tx.select().from(serviceStatements).where(and(eq(serviceStatements.clientKey, input.clientKey), eq(serviceStatements.personId, person.personId)));
      if (!again) throw new ValidationError("stats.no_nights");
      return { number: again.number, issuedAt: again.issuedAt };
    }
    const number = formatRef(`${settings.refPrefix}-S`, Number(issuedNight.slice(0, 4)), row.id);
    await tx.update(serviceStatements).set({ number }).where(eq(serviceStatements.id, row.id));
    return { number, issuedAt: ctx.now };
  }));
  ctx.logger.info({ personId: person.personId, number: recorded.number, ...totals }, "service statement issued");
  return { ...recorded, issuedNight: localNight(recorded.issuedAt, settings.timeZone), person: { name: person.name, affiliation: person.affiliation }, period, rows, totals };
}

/**
 * A statement already issued today for the same period with the same figures is issued again
 * under its number: pressing the button twice should not make two certificates of one thing.
 */
async function sameStatementToday(db: Db, personId: number, range: NightRange, totals: { nights: number; minutes: number }, today: Date) {
  const [same] = await db
    .select({ number: serviceStatements.number, issuedAt: serviceStatements.issuedAt })
    .from(serviceStatements)
    .where(
      and(
        eq(serviceStatements.personId, personId),
        range.from === null ? isNull(serviceStatements.periodFrom) : eq(serviceStatements.periodFrom, range.from),
        eq(serviceStatements.periodTo, range.to),
        eq(serviceStatements.nights, totals.nights),
        eq(serviceStatements.minutes, totals.minutes),
        gte(serviceStatements.issuedAt, today),
      ),
    )
    .orderBy(asc(serviceStatements.id))
    .limit(1);
  return same;
}

/** Nights served in the range, oldest first; see served-time.ts for what counts. */
export async function statementRows(db: Db, personId: number, range: NightRange, now: Date, timeZone: string): Promise<StatementRow[]> {
  const nights: SQL[] = [lte(shifts.night, range.to), ...(range.from ? [gte(shifts.night, range.from)] : [])];
  const rows = await db
    .select({
      night: shifts.night,
      team: teams.name,
      kind: duties.kind,
      name: duties.name,
      location: duties.location,
      from: localClock(assignments.checkedInAt, timeZone),
      to: localClock(servedUntil(now), timeZone),
      minutes: servedMinutes(now),
    })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .innerJoin(duties, eq(duties.id, shifts.dutyId))
    .innerJoin(teams, eq(teams.id, shifts.teamId))
    .where(and(eq(assignments.personId, personId), served, ...nights))
    .orderBy(asc(shifts.night), asc(shifts.startsAt));
  return rows.map(({ kind, name, location, ...r }) => ({ ...r, duty: { kind, name, location } }));
}

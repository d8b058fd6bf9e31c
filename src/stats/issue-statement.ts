import { createHash } from "node:crypto";
import { and, asc, eq, gte, lte, or, type SQL } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { ValidationError } from "../domain/errors.js";
import type { Db } from "../storage/db.js";
import { localNight, type Night } from "../shifts/night.js";
import { assignments, duties, serviceStatements, shifts, teams } from "../storage/schema/index.js";
import { hoursTenths } from "./hours.js";
import { periodRange, type NightRange, type StatsPeriod } from "./period.js";
import { localClock, served, servedMinutes, servedUntil } from "./served-time.js";
import { ownServiceRecord } from "./service-record.js";
import { newStatementNumber } from "./statement-number.js";

export interface StatementSettings {
  timeZone: string;
  /** The district's reference prefix (REPORT_PREFIX): statements are numbered "NH-S-2027-000042-7KQ3MX". */
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
  /** The hours printed for the night, in tenths: the total is their sum, so the rows add up to it. */
  tenths: number;
}

export interface Statement {
  number: string;
  issuedAt: Date;
  issuedNight: Night;
  person: { name: string | null; affiliation: string | null };
  period: { from: Night; to: Night };
  rows: StatementRow[];
  totals: { nights: number; minutes: number; tenths: number };
  /** The teams served with, in order of first night. */
  teams: string[];
}

/**
 * The actor's own service-hours statement for a period: a row per night served and the totals,
 * recorded under a number they can quote. Someone with no nights in the period gets no statement
 * (a certificate of nothing is of no use and would only use up a number): they are told so.
 * Asking again for the same period with the same rows gives the same number.
 */
export async function issueStatement(ctx: DomainContext, input: { period: StatsPeriod; clientKey: string }, settings: StatementSettings): Promise<Statement> {
  const person = await ownServiceRecord(ctx);
  const range = periodRange(input.period, ctx.now, settings.timeZone);
  const rows = await statementRows(ctx.db, person.personId, range, ctx.now, settings.timeZone);
  if (rows.length === 0) throw new ValidationError("stats.no_nights");
  const period = { from: range.from ?? rows[0]!.night, to: range.to };
  const totals = { nights: rows.length, minutes: rows.reduce((sum, r) => sum + r.minutes, 0), tenths: rows.reduce((sum, r) => sum + r.tenths, 0) };
  const teams = [...new Set(rows.map((r) => r.team))];
  const rowsDigest = statementDigest(period, rows);
  const issuedNight = localNight(ctx.now, settings.timeZone);

  const recorded = (await sameStatement(ctx.db, person.personId, rowsDigest)) ?? (await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(serviceStatements)
      .values({
        number: `pending:${input.clientKey}`,
        clientKey: input.clientKey,
        personId: person.personId,
        periodFrom: range.from,
        periodTo: range.to,
        nights: totals.nights,
        minutes: totals.minutes,
        hoursTenths: totals.tenths,
        teams,
        rowsDigest,
        issuedAt: ctx.now,
      })
      // Either the same press delivered again, or the same certificate asked for at the same
      // moment by another press: the statement already issued. (Telegram assigns the press's id,
      // so another person's request cannot carry it.)
      .onConflictDoNothing()
      .returning({ id: serviceStatements.id });
    if (!row) {
      const [again] = await tx
        .select({ number: serviceStatements.number, issuedAt: serviceStatements.issuedAt })
        .from(serviceStatements)
        .where(and(eq(serviceStatements.personId, person.personId), or(eq(serviceStatements.clientKey, input.clientKey), eq(serviceStatements.rowsDigest, rowsDigest))))
        .orderBy(asc(serviceStatements.id))
        .limit(1);
      if (!again) throw new ValidationError("stats.no_nights");
      return again;
    }
    const number = newStatementNumber(settings.refPrefix, Number(issuedNight.slice(0, 4)), row.id);
    await tx.update(serviceStatements).set({ number }).where(eq(serviceStatements.id, row.id));
    return { number, issuedAt: ctx.now };
  }));
  ctx.logger.info({ personId: person.personId, number: recorded.number, nights: totals.nights, tenths: totals.tenths }, "service statement issued");
  return { ...recorded, issuedNight: localNight(recorded.issuedAt, settings.timeZone), person: { name: person.name, affiliation: person.affiliation }, period, rows, totals, teams };
}

/** What a statement certifies, as a digest: the period and every row as printed. */
function statementDigest(period: { from: Night; to: Night }, rows: StatementRow[]): string {
  const printed = rows.map((r) => [r.night, r.team, r.duty.kind, r.duty.name, r.duty.location, r.from, r.to, r.tenths]);
  return createHash("sha256").update(JSON.stringify({ period, rows: printed })).digest("hex");
}

/** The statement already issued to this person for the same period and rows, if any. */
async function sameStatement(db: Db, personId: number, rowsDigest: string) {
  const [same] = await db
    .select({ number: serviceStatements.number, issuedAt: serviceStatements.issuedAt })
    .from(serviceStatements)
    .where(and(eq(serviceStatements.personId, personId), eq(serviceStatements.rowsDigest, rowsDigest)))
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
  return rows.map(({ kind, name, location, ...r }) => ({ ...r, tenths: hoursTenths(r.minutes), duty: { kind, name, location } }));
}

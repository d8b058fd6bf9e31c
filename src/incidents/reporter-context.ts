import { and, asc, count, desc, eq, gt, gte, isNull, lte } from "drizzle-orm";
import { loadAccess } from "../access/access.js";
import type { DomainContext } from "../domain/context.js";
import { ForbiddenError, ValidationError } from "../domain/errors.js";
import { getTeamScope } from "../org/team-scope.js";
import type { Db } from "../storage/db.js";
import { assignments, incidents, shifts } from "../storage/schema/index.js";
import { CATEGORIES, PUBLIC_CATEGORIES, type Category } from "./categories.js";
import type { ReportSettings } from "./report-settings.js";

/** Who is reporting: a member (with their team and, when on duty, tonight's shift) or a resident. */
export interface Reporter {
  personId: number;
  public: boolean;
  teamId: number | null;
  townId: number | null;
  shiftId: number | null;
  /** Where they checked in tonight, a starting point for an emergency's map pin. */
  checkInLocation: { latitude: number; longitude: number } | null;
  categories: readonly Category[];
}

const HOUR = 60 * 60_000;

/** The shift the person is on now: from half an hour before its start to an hour after its end. */
async function currentShift(db: Db, personId: number, now: Date) {
  const [row] = await db
    .select({ shiftId: shifts.id, teamId: shifts.teamId, latitude: assignments.checkInLatitude, longitude: assignments.checkInLongitude })
    .from(assignments)
    .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
    .where(and(eq(assignments.personId, personId), isNull(assignments.endedAt), lte(shifts.startsAt, new Date(now.getTime() + HOUR / 2)), gt(shifts.endsAt, new Date(now.getTime() - HOUR))))
    .orderBy(desc(assignments.checkedInAt), asc(shifts.startsAt))
    .limit(1);
  return row ?? null;
}

export async function publicReportsToday(db: Db, personId: number, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(incidents)
    .where(and(eq(incidents.reporterPersonId, personId), eq(incidents.public, true), gte(incidents.createdAt, new Date(now.getTime() - 24 * HOUR))));
  return row?.n ?? 0;
}

/**
 * Works out who the actor reports as. Anyone with a team or a role is a member; anyone else is a
 * resident, who may send a few reports a day and only of the public categories.
 */
export async function reporterContext(ctx: DomainContext, settings: ReportSettings): Promise<Reporter> {
  if (ctx.actor.type !== "person") throw new ForbiddenError("report.person_only");
  const personId = ctx.actor.personId;
  const access = await loadAccess(ctx.db, personId);
  const isMember = access.teamIds.length > 0 || access.grants.length > 0;
  if (!isMember) {
    if ((await publicReportsToday(ctx.db, personId, ctx.now)) >= settings.publicPerDay) throw new ValidationError("report.public_limit", { limit: settings.publicPerDay });
    return { personId, public: true, teamId: null, townId: null, shiftId: null, checkInLocation: null, categories: PUBLIC_CATEGORIES };
  }
  const shift = await currentShift(ctx.db, personId, ctx.now);
  const teamId = shift?.teamId ?? access.teamIds[0] ?? access.grants.find((g) => g.teamId !== null)?.teamId ?? null;
  const townId = teamId !== null ? (await getTeamScope(ctx.db, teamId)).townId : (access.grants.find((g) => g.townId !== null)?.townId ?? null);
  const checkInLocation = shift?.latitude != null && shift.longitude != null ? { latitude: shift.latitude, longitude: shift.longitude } : null;
  return { personId, public: false, teamId, townId, shiftId: shift?.shiftId ?? null, checkInLocation, categories: CATEGORIES };
}

import { and, desc, eq, gte, isNull, lte, sql } from "drizzle-orm";
import { displayName } from "../people/display-name.js";
import { localNight, type Night } from "../shifts/night.js";
import type { Db } from "../storage/db.js";
import { duties, people, shifts } from "../storage/schema/index.js";

/** A visit just before the start or just after the end still finds the team's shift. */
const SLACK_MS = 60 * 60_000;
/** Without a shift, a visit before this hour (local) counts for the night before. */
const NIGHT_ENDS_HOURS = 6;

/**
 * The team's shift under way at the visit (its patrol before any fixed post), and the night the
 * visit counts for.
 */
export async function shiftAtVisit(db: Db, teamId: number, at: Date, timeZone: string): Promise<{ night: Night; shift: { shiftId: number; leaderPersonId: number | null; leaderName: string | null } | null }> {
  const [shift] = await db
    .select({ shiftId: shifts.id, night: shifts.night, leaderPersonId: shifts.leaderPersonId, leaderName: displayName(people) })
    .from(shifts)
    .innerJoin(duties, eq(duties.id, shifts.dutyId))
    .leftJoin(people, eq(people.id, shifts.leaderPersonId))
    .where(
      and(
        eq(shifts.teamId, teamId),
        isNull(shifts.cancelledAt),
        lte(shifts.startsAt, new Date(at.getTime() + SLACK_MS)),
        gte(shifts.endsAt, new Date(at.getTime() - SLACK_MS)),
      ),
    )
    .orderBy(sql`${duties.kind} = 'patrol' desc`, desc(shifts.startsAt))
    .limit(1);
  if (shift) return { night: shift.night, shift: { shiftId: shift.shiftId, leaderPersonId: shift.leaderPersonId, leaderName: shift.leaderName } };
  return { night: localNight(new Date(at.getTime() - NIGHT_ENDS_HOURS * 3_600_000), timeZone), shift: null };
}

import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { responseLevels, specialDays } from "../storage/schema/index.js";
import { higher, type ResponseLevel } from "./response-levels.js";

export interface LevelMoment {
  /** The night (local date) the moment belongs to, for the special-days calendar. */
  night: string;
  at: Date;
}

/**
 * The level in force for a town at each moment: the higher of the district's level, the town's
 * own level and the night's special day. A level set for the district is never lowered by a town.
 */
export async function levelsAt(db: Db, townId: number | null, moments: LevelMoment[]): Promise<ResponseLevel[]> {
  if (moments.length === 0) return [];
  const earliest = new Date(Math.min(...moments.map((m) => m.at.getTime())));
  const latest = new Date(Math.max(...moments.map((m) => m.at.getTime())));
  const scope = townId === null ? isNull(responseLevels.townId) : or(isNull(responseLevels.townId), eq(responseLevels.townId, townId));
  const set = await db
    .select({ level: responseLevels.level, startsAt: responseLevels.startsAt, endsAt: responseLevels.endsAt })
    .from(responseLevels)
    .where(and(scope, lte(responseLevels.startsAt, latest), or(isNull(responseLevels.endsAt), gt(responseLevels.endsAt, earliest))));
  const days = await db.select({ night: specialDays.night, level: specialDays.level }).from(specialDays).where(inArray(specialDays.night, [...new Set(moments.map((m) => m.night))]));
  const dayLevel = new Map(days.map((d) => [d.night, d.level]));
  return moments.map(({ night, at }) => {
    let level: ResponseLevel = dayLevel.get(night) ?? "normal";
    for (const s of set) if (s.startsAt <= at && (s.endsAt === null || s.endsAt > at)) level = higher(level, s.level);
    return level;
  });
}

export async function levelAt(db: Db, townId: number | null, moment: LevelMoment): Promise<ResponseLevel> {
  return (await levelsAt(db, townId, [moment]))[0]!;
}

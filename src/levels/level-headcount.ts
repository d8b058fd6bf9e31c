import { and, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { communities, duties, teams } from "../storage/schema/index.js";
import { headcountFor, type ResponseLevel } from "./response-levels.js";

/**
 * How many people a night each team in scope patrols with at a level, when that is the same for
 * every team: an announcement then names it ("每队 8 人"); otherwise (teams set their own) null.
 */
export async function levelHeadcount(db: Db, level: ResponseLevel, townId: number | null): Promise<number | null> {
  const patrols = await db
    .select({ rota: duties.rota, headcountNormal: duties.headcountNormal, headcountHeightened: duties.headcountHeightened, headcountLevel1: duties.headcountLevel1 })
    .from(duties)
    .innerJoin(teams, eq(teams.id, duties.teamId))
    .innerJoin(communities, eq(communities.id, teams.communityId))
    .where(and(eq(duties.kind, "patrol"), eq(duties.active, true), townId === null ? undefined : eq(communities.townId, townId)));
  const counts = new Set(patrols.map((p) => headcountFor(p, level)));
  return counts.size === 1 ? [...counts][0]! : null;
}

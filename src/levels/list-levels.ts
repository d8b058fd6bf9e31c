import { asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { responseLevels, towns } from "../storage/schema/index.js";

/** Levels in force now or planned, district first, then by town and start. */
export async function listLevels(ctx: DomainContext) {
  return ctx.db
    .select({ id: responseLevels.id, level: responseLevels.level, town: towns.name, startsAt: responseLevels.startsAt, endsAt: responseLevels.endsAt, message: responseLevels.message })
    .from(responseLevels)
    .leftJoin(towns, eq(towns.id, responseLevels.townId))
    .where(or(isNull(responseLevels.endsAt), gt(responseLevels.endsAt, ctx.now)))
    .orderBy(sql`${towns.name} asc nulls first`, asc(responseLevels.startsAt));
}

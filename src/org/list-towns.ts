import { asc, inArray } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { towns } from "../storage/schema/index.js";

/** Towns by name; `only` narrows to those ids (a supervisor's towns). */
export async function listTowns(db: Db, only?: number[]): Promise<Array<{ townId: number; name: string }>> {
  return db
    .select({ townId: towns.id, name: towns.name })
    .from(towns)
    .where(only ? inArray(towns.id, only.length ? only : [0]) : undefined)
    .orderBy(asc(towns.name));
}

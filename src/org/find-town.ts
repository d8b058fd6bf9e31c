import { eq } from "drizzle-orm";
import { NotFoundError } from "../domain/errors.js";
import type { Db } from "../storage/db.js";
import { towns } from "../storage/schema/index.js";

export async function findTown(db: Db, name: string): Promise<{ townId: number; name: string }> {
  const [town] = await db.select({ townId: towns.id, name: towns.name }).from(towns).where(eq(towns.name, name.trim()));
  if (!town) throw new NotFoundError("town.not_found");
  return town;
}

import { eq, sql, type AnyColumn } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { people } from "../storage/schema/index.js";

/** The name someone gave us, else their Telegram profile's (staff who never signed up have only that). */
export const displayName = (p: { name: AnyColumn; telegramName: AnyColumn }) => sql<string | null>`coalesce(${p.name}, ${p.telegramName})`;

export async function personName(db: Db, personId: number): Promise<string | null> {
  const [row] = await db.select({ name: displayName(people) }).from(people).where(eq(people.id, personId));
  return row?.name ?? null;
}

import { inArray } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";

/** Which of these dedupe keys are already queued (or sent): a review goes out once. */
export async function queuedKeys(db: Db, keys: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 1000) {
    const chunk = keys.slice(i, i + 1000);
    const rows = await db.select({ key: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, chunk));
    for (const r of rows) if (r.key) found.add(r.key);
  }
  return found;
}

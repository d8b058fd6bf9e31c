import { inArray, sql } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";

export interface OutboxBacklog {
  /** Rows waiting to be sent (pending, or claimed and not yet answered), by payload kind. */
  waitingByKind: Record<string, number>;
  /** How long ago the oldest of them was written; null when none waits. */
  oldestWaitingSeconds: number | null;
}

/**
 * What waits in the outbox (read through the partial indexes on pending and claimed rows). Rows
 * are written due or at most a minute ahead (reminders), so one written minutes ago and still
 * waiting has been held up: by retries, a 429, or a large broadcast at the rate limit.
 */
export async function readOutboxBacklog(db: Db, now: Date): Promise<OutboxBacklog> {
  const kind = sql<string>`${outbox.payload}->>'kind'`;
  const rows = await db
    .select({
      kind,
      count: sql<number>`count(*)::int`,
      oldest: sql<string>`min(${outbox.createdAt})`,
    })
    .from(outbox)
    .where(inArray(outbox.status, ["pending", "sending"]))
    .groupBy(kind);
  const waitingByKind: Record<string, number> = {};
  let oldest: number | null = null;
  for (const row of rows) {
    waitingByKind[row.kind] = row.count;
    oldest = Math.min(oldest ?? Infinity, new Date(row.oldest).getTime());
  }
  return { waitingByKind, oldestWaitingSeconds: oldest === null ? null : Math.max(0, (now.getTime() - oldest) / 1000) };
}

import { sql } from "drizzle-orm";
import { rowsOf } from "../outbox/claim.js";
import type { Db } from "../storage/db.js";
import { broadcastRecipients, broadcasts, outbox } from "../storage/schema/index.js";
import type { BroadcastFigures } from "./progress-text.js";

const empty = (): BroadcastFigures => ({ total: 0, sent: 0, failed: 0, unreachable: 0, pending: 0, acknowledged: 0 });

/**
 * Figures per broadcast, read from the outbox rows of its recipients: each recipient is exactly
 * one of pending, sent, failed or unreachable. A recipient with no message is pending while the
 * copies are still being written, and afterwards was known to have blocked the bot.
 */
export async function broadcastFigures(db: Db, broadcastIds: number[]): Promise<Map<number, BroadcastFigures>> {
  const figures = new Map(broadcastIds.map((id) => [id, empty()]));
  if (broadcastIds.length === 0) return figures;
  const rows = rowsOf<{ broadcast_id: number; status: string; n: string | number; acked: string | number }>(
    await db.execute(sql`
      select r.broadcast_id, coalesce(o.status::text, case when b.queued_at is null then 'pending' else 'unreachable' end) as status,
        count(*) as n, count(r.acknowledged_at) as acked
      from ${broadcastRecipients} r join ${broadcasts} b on b.id = r.broadcast_id left join ${outbox} o on o.id = r.outbox_id
      where r.broadcast_id in (${sql.join(broadcastIds.map((id) => sql`${id}`), sql`, `)})
      group by 1, 2`),
  );
  for (const row of rows) {
    const f = figures.get(Number(row.broadcast_id))!;
    const n = Number(row.n);
    f.total += n;
    f.acknowledged += Number(row.acked);
    if (row.status === "sent") f.sent += n;
    else if (row.status === "failed") f.failed += n;
    else if (row.status === "unreachable") f.unreachable += n;
    else f.pending += n;
  }
  return figures;
}

import { and, desc, eq, gt, inArray, isNull, isNotNull, lt, or, sql } from "drizzle-orm";
import type { DomainContext } from "../domain/context.js";
import { enqueueMessages, PRIORITY } from "../outbox/enqueue.js";
import { outbox, broadcasts } from "../storage/schema/index.js";
import { broadcastFigures } from "./broadcast-figures.js";
import { progressGroup } from "./start-broadcast.js";
import { progressText } from "./progress-text.js";
import { queueRemainingCopies } from "./queue-copies.js";

/** The verb writes a district's copies in seconds; one still unwritten after this lost its writer (a crash). */
const STALLED_AFTER_MS = 60_000;

/** Writes the copies of broadcasts whose writer stopped, so everyone still gets theirs. */
async function resumeStalledCopies(ctx: DomainContext): Promise<void> {
  const stalled = await ctx.db
    .select({ id: broadcasts.id })
    .from(broadcasts)
    .where(and(isNull(broadcasts.queuedAt), lt(broadcasts.createdAt, new Date(ctx.now.getTime() - STALLED_AFTER_MS))));
  for (const b of stalled) await queueRemainingCopies({ db: ctx.db, clock: () => ctx.now }, b.id);
}

/** Acknowledgements keep coming after the last send; the report follows them this long. */
const FOLLOW_ACKS_MS = 24 * 60 * 60 * 1000;

/**
 * Scheduler job (every few seconds): edits each sender's progress message where the figures
 * changed, and finishes a broadcast once no recipient is pending, turning the message into the
 * delivery report. Runs on any instance; rows are claimed with SKIP LOCKED.
 */
export async function refreshBroadcastProgress(ctx: DomainContext): Promise<{ edited: number; finished: number }> {
  await resumeStalledCopies(ctx);
  return ctx.db.transaction(async (tx) => {
    const active = await tx
      .select({ id: broadcasts.id, shown: broadcasts.progressShown, finishedAt: broadcasts.finishedAt, progressOutboxId: broadcasts.progressOutboxId, chatId: outbox.chatId, personId: outbox.personId, locale: outbox.locale })
      .from(broadcasts)
      .leftJoin(outbox, eq(outbox.id, broadcasts.progressOutboxId))
      .where(or(isNull(broadcasts.finishedAt), and(isNotNull(broadcasts.progressOutboxId), gt(broadcasts.finishedAt, new Date(ctx.now.getTime() - FOLLOW_ACKS_MS)))))
      // Those still sending first, then the newest: a busy day's finished ones must not crowd them out.
      .orderBy(sql`${broadcasts.finishedAt} is not null`, desc(broadcasts.id))
      .limit(50)
      .for("update", { of: broadcasts, skipLocked: true });
    if (active.length === 0) return { edited: 0, finished: 0 };
    const figures = await broadcastFigures(tx, active.map((b) => b.id));
    let edited = 0;
    const finished: number[] = [];
    for (const b of active) {
      const f = figures.get(b.id)!;
      const done = f.pending === 0;
      if (done && b.finishedAt === null) finished.push(b.id);
      const shown = JSON.stringify({ ...f, done });
      if (shown === b.shown) continue;
      await tx.update(broadcasts).set({ progressShown: shown }).where(eq(broadcasts.id, b.id));
      if (b.progressOutboxId === null || b.chatId === null) continue;
      edited += 1;
      await enqueueMessages(tx, ctx.now, [
        {
          to: { chatId: b.chatId, personId: b.personId, locale: b.locale! },
          payload: { kind: "edit", target: { outboxId: b.progressOutboxId }, text: progressText(b.id, f, done) },
          groupKey: progressGroup(b.id),
          priority: PRIORITY.urgent,
        },
      ]);
    }
    if (finished.length > 0) await tx.update(broadcasts).set({ finishedAt: ctx.now }).where(inArray(broadcasts.id, finished));
    return { edited, finished: finished.length };
  });
}

import { eq, sql } from "drizzle-orm";
import { rowsOf } from "../outbox/claim.js";
import { enqueueMessagesReturning, PRIORITY } from "../outbox/enqueue.js";
import type { TextRef } from "../outbox/payload.js";
import { recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { broadcastRecipients, broadcasts, people } from "../storage/schema/index.js";
import { audienceIds, type BroadcastTarget } from "./audience.js";
import { progressText } from "./progress-text.js";
import { queueCopies } from "./queue-copies.js";

export interface NewBroadcast {
  target: BroadcastTarget;
  /** What was typed, kept for the list; `content` is what recipients see. */
  text: string;
  content: TextRef;
  photoFileId?: string | null;
  senderId: number | null;
  responseLevelId?: number | null;
  /** The night whose volunteers "tonight" means. */
  tonight: string;
  dedupeKey: string;
}

export { ackData, teamReceiptsData } from "./queue-copies.js";
export const progressGroup = (broadcastId: number) => `bcp:${broadcastId}`;

export interface StartedBroadcast {
  broadcastId: number;
  recipients: number;
  created: boolean;
  /** Every copy is in the outbox; otherwise the caller writes the rest (`queueRemainingCopies`). */
  queued: boolean;
}

/**
 * Writes a broadcast and a row per recipient in the caller's transaction, and their outbox
 * messages: all of them, or with `firstChunk` only that many, so the first copies go out while
 * the caller writes the rest. Either way, once it commits nobody can be lost: the recipients are
 * written, a crash only pauses the sending, and whoever resumes (the progress job, a redelivered
 * Send) writes the copies still missing. People known to have blocked the bot get a row but no
 * message, and count as unreachable. Idempotent by `dedupeKey`.
 */
export async function startBroadcast(tx: Db, now: Date, input: NewBroadcast, options: { firstChunk?: number } = {}): Promise<StartedBroadcast> {
  const [existing] = await tx
    .select({ id: broadcasts.id, count: broadcasts.recipientCount, queuedAt: broadcasts.queuedAt })
    .from(broadcasts)
    .where(eq(broadcasts.dedupeKey, input.dedupeKey));
  if (existing) return { broadcastId: existing.id, recipients: existing.count, created: false, queued: existing.queuedAt !== null };
  const [row] = await tx
    .insert(broadcasts)
    .values({
      senderId: input.senderId,
      ...input.target,
      text: input.text,
      content: input.content,
      photoFileId: input.photoFileId ?? null,
      responseLevelId: input.responseLevelId ?? null,
      recipientCount: 0,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    })
    .returning({ id: broadcasts.id });
  const broadcastId = row!.id;
  // Set-based: a district's 15,000 rows never pass through here.
  const [counted] = rowsOf<{ n: string | number }>(
    await tx.execute(sql`
      with written as (
        insert into ${broadcastRecipients} (broadcast_id, person_id)
        select ${broadcastId}, a.id from (${audienceIds(tx, input.target, input.tonight, now)}) a
        returning 1
      )
      select count(*) as n from written`),
  );
  const recipients = Number(counted?.n ?? 0);
  await tx.update(broadcasts).set({ recipientCount: recipients }).where(eq(broadcasts.id, broadcastId));
  let queued = false;
  if (options.firstChunk !== undefined) {
    const written = await queueCopies(tx, now, broadcastId, options.firstChunk);
    // Everyone fitted: let the next call find nobody left and mark it, so no caller has more to do.
    if (written < options.firstChunk) queued = (await queueCopies(tx, now, broadcastId)) === 0;
  } else {
    while ((await queueCopies(tx, now, broadcastId)) > 0);
    queued = true;
  }
  if (input.senderId !== null) await sendProgressMessage(tx, now, broadcastId, input.senderId, recipients);
  return { broadcastId, recipients, created: true, queued };
}

/** The sender's progress message: ahead of the bulk, and edited in place as the figures change. */
async function sendProgressMessage(tx: Db, now: Date, broadcastId: number, senderId: number, total: number): Promise<void> {
  const [sender] = await tx.select(recipientColumns).from(people).where(eq(people.id, senderId));
  const to = sender ? toRecipient(sender) : null;
  if (!to) return;
  const figures = { total, sent: 0, failed: 0, unreachable: 0, pending: total, acknowledged: 0 };
  const [progress] = await enqueueMessagesReturning(tx, now, [
    { to, payload: { kind: "message", text: progressText(broadcastId, figures, false) }, dedupeKey: `bcp:${broadcastId}`, groupKey: progressGroup(broadcastId), priority: PRIORITY.urgent },
  ]);
  if (progress) await tx.update(broadcasts).set({ progressOutboxId: progress.id }).where(eq(broadcasts.id, broadcastId));
}

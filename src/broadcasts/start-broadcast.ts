import { eq } from "drizzle-orm";
import { enqueueMessagesReturning, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import { preferredLocale, recipientColumns, toRecipient } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { broadcastRecipients, broadcasts, people } from "../storage/schema/index.js";
import { audienceMembers, type BroadcastTarget } from "./audience.js";
import { progressText } from "./progress-text.js";

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

export const ackData = (broadcastId: number) => `bc:a:${broadcastId}`;
export const teamReceiptsData = (broadcastId: number) => `bc:t:${broadcastId}`;
export const progressGroup = (broadcastId: number) => `bcp:${broadcastId}`;

/**
 * Writes a broadcast, a row per recipient and every outbox message in the caller's transaction:
 * once it commits nobody can be lost, and a crash only pauses the sending. People known to have
 * blocked the bot get a row but no message, and count as unreachable. Idempotent by `dedupeKey`.
 */
export async function startBroadcast(tx: Db, now: Date, input: NewBroadcast): Promise<{ broadcastId: number; recipients: number; created: boolean }> {
  const [existing] = await tx.select({ id: broadcasts.id, count: broadcasts.recipientCount }).from(broadcasts).where(eq(broadcasts.dedupeKey, input.dedupeKey));
  if (existing) return { broadcastId: existing.id, recipients: existing.count, created: false };
  const members = await audienceMembers(tx, input.target, input.tonight, now);
  const [row] = await tx
    .insert(broadcasts)
    .values({
      senderId: input.senderId,
      ...input.target,
      text: input.text,
      content: input.content,
      photoFileId: input.photoFileId ?? null,
      responseLevelId: input.responseLevelId ?? null,
      recipientCount: members.length,
      dedupeKey: input.dedupeKey,
      createdAt: now,
    })
    .returning({ id: broadcasts.id });
  const broadcastId = row!.id;

  const messages: OutboxMessage[] = members
    .filter((m) => !m.unreachable)
    .map((m) => {
      const buttons: OutboxButton[][] = [[{ text: { key: "btn-broadcast-received" }, data: ackData(broadcastId) }]];
      // Sent to leaders only, their teams have nothing to confirm.
      if (m.leads && input.target.audience !== "leaders") buttons.push([{ text: { key: "btn-broadcast-team" }, data: teamReceiptsData(broadcastId) }]);
      return {
        to: { personId: m.personId, chatId: m.telegramId, locale: preferredLocale(m) },
        payload: input.photoFileId ? { kind: "photos", fileIds: [input.photoFileId], caption: input.content, buttons } : { kind: "message", text: input.content, buttons },
        dedupeKey: `bc:${broadcastId}:${m.personId}`,
        priority: PRIORITY.bulk,
      };
    });
  const queued = await enqueueMessagesReturning(tx, now, messages);
  const outboxOf = new Map(queued.map((q) => [Number(q.dedupeKey!.split(":")[2]), q.id]));
  for (let i = 0; i < members.length; i += 1000) {
    await tx.insert(broadcastRecipients).values(members.slice(i, i + 1000).map((m) => ({ broadcastId, personId: m.personId, outboxId: outboxOf.get(m.personId) ?? null })));
  }
  if (input.senderId !== null) await sendProgressMessage(tx, now, broadcastId, input.senderId, members.length);
  return { broadcastId, recipients: members.length, created: true };
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

import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { enqueueMessagesReturning, PRIORITY, type OutboxMessage } from "../outbox/enqueue.js";
import type { OutboxButton, TextRef } from "../outbox/payload.js";
import { preferredLocale } from "../people/locale.js";
import type { Db } from "../storage/db.js";
import { broadcastRecipients, broadcasts, outbox, people, roleGrants } from "../storage/schema/index.js";

export const ackData = (broadcastId: number) => `bc:a:${broadcastId}`;
export const teamReceiptsData = (broadcastId: number) => `bc:t:${broadcastId}`;
export const copyDedupeKey = (broadcastId: number, personId: number) => `bc:${broadcastId}:${personId}`;

/** Copies written per transaction: small enough that the first ones go out while the rest are written. */
export const CHUNK = 1000;

/**
 * Writes the outbox messages of the next `limit` recipients still without one, and returns how
 * many; 0 once none is left, and then marks the broadcast queued. Recipients are locked with SKIP
 * LOCKED and every copy has a dedupe key, so two writers (a redelivered Send, the progress job
 * resuming after a crash) split the work and never queue a copy twice. Someone who blocked the
 * bot or was forgotten by now gets no message and ends unreachable.
 */
export async function queueCopies(tx: Db, now: Date, broadcastId: number, limit = CHUNK): Promise<number> {
  const [b] = await tx
    .select({ audience: broadcasts.audience, content: broadcasts.content, photoFileId: broadcasts.photoFileId, queuedAt: broadcasts.queuedAt })
    .from(broadcasts)
    .where(eq(broadcasts.id, broadcastId));
  if (!b || b.queuedAt) return 0;
  const waiting = and(
    eq(broadcastRecipients.broadcastId, broadcastId),
    isNull(broadcastRecipients.outboxId),
    isNotNull(people.telegramId),
    isNull(people.forgottenAt),
    isNull(people.unreachableAt),
  );
  const leaderIds = tx.select({ id: roleGrants.personId }).from(roleGrants).where(and(isNull(roleGrants.revokedAt), inArray(roleGrants.role, ["leader", "deputy"])));
  const rows = await tx
    .select({ personId: people.id, telegramId: people.telegramId, locale: people.locale, clientLanguage: people.clientLanguage, leads: inArray(people.id, leaderIds).mapWith(Boolean) })
    .from(broadcastRecipients)
    .innerJoin(people, eq(people.id, broadcastRecipients.personId))
    .where(waiting)
    .orderBy(broadcastRecipients.personId)
    .limit(limit)
    .for("update", { of: broadcastRecipients, skipLocked: true });
  if (rows.length === 0) {
    // Rows another writer holds still read as waiting here: that writer marks it once they are done.
    const [left] = await tx.select({ id: broadcastRecipients.personId }).from(broadcastRecipients).innerJoin(people, eq(people.id, broadcastRecipients.personId)).where(waiting).limit(1);
    if (!left) await tx.update(broadcasts).set({ queuedAt: now }).where(and(eq(broadcasts.id, broadcastId), isNull(broadcasts.queuedAt)));
    return 0;
  }

  const content = b.content as TextRef;
  const messages: OutboxMessage[] = rows.map((m) => {
    const buttons: OutboxButton[][] = [[{ text: { key: "btn-broadcast-received" }, data: ackData(broadcastId) }]];
    // Sent to leaders only, their teams have nothing to confirm.
    if (m.leads && b.audience !== "leaders") buttons.push([{ text: { key: "btn-broadcast-team" }, data: teamReceiptsData(broadcastId) }]);
    return {
      to: { personId: m.personId, chatId: m.telegramId!, locale: preferredLocale(m) },
      payload: b.photoFileId ? { kind: "photos", fileIds: [b.photoFileId], caption: content, buttons } : { kind: "message", text: content, buttons },
      dedupeKey: copyDedupeKey(broadcastId, m.personId),
      priority: PRIORITY.bulk,
    };
  });
  const queued = await enqueueMessagesReturning(tx, now, messages);
  const outboxOf = new Map(queued.map((q) => [q.dedupeKey!, q.id]));
  const already = messages.map((m) => m.dedupeKey!).filter((key) => !outboxOf.has(key));
  if (already.length > 0) {
    // Queued before under the same key: link the recipient to that message rather than send another.
    const found = await tx.select({ id: outbox.id, dedupeKey: outbox.dedupeKey }).from(outbox).where(inArray(outbox.dedupeKey, already));
    found.forEach((f) => outboxOf.set(f.dedupeKey!, f.id));
  }
  const pairs = rows.filter((m) => outboxOf.has(copyDedupeKey(broadcastId, m.personId)));
  if (pairs.length === 0) return rows.length;
  const values = sql.join(
    pairs.map((m) => sql`(${m.personId}::int, ${outboxOf.get(copyDedupeKey(broadcastId, m.personId))!}::bigint)`),
    sql`, `,
  );
  await tx.execute(sql`
    update ${broadcastRecipients} set outbox_id = v.outbox_id
    from (values ${values}) as v(person_id, outbox_id)
    where ${broadcastRecipients.broadcastId} = ${broadcastId} and ${broadcastRecipients.personId} = v.person_id`);
  return rows.length;
}

/**
 * Writes the remaining copies, a chunk per transaction, calling `onQueued` after each so the
 * outbox can start on them. Safe to run twice at once, or again after a crash.
 */
export async function queueRemainingCopies(deps: { db: Db; clock?: () => Date }, broadcastId: number, onQueued?: () => void): Promise<void> {
  const clock = deps.clock ?? (() => new Date());
  for (;;) {
    const queued = await deps.db.transaction((tx) => queueCopies(tx, clock(), broadcastId));
    if (queued === 0) return;
    onQueued?.();
  }
}

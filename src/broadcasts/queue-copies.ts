import { and, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { rowsOf } from "../outbox/claim.js";
import { PRIORITY } from "../outbox/enqueue.js";
import { outboxPayloadSchema, type OutboxButton, type OutboxPayload, type TextRef } from "../outbox/payload.js";
import { LOCALES } from "../people/locale.js";
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
  // Every copy is one of two payloads (a leader's has the team's receipts too), checked here once;
  // the rows are then written set-based, a chunk per statement, which is what makes it quick.
  const plain = copyPayload(b.content as TextRef, b.photoFileId, broadcastId, false);
  const withTeam = copyPayload(b.content as TextRef, b.photoFileId, broadcastId, b.audience !== "leaders");
  // A set looked up by hash, read once per chunk: as a correlated EXISTS it read role_grants once per copy.
  const leads = sql`p.id in (select g.person_id from ${roleGrants} g where g.revoked_at is null and g.role in ('leader', 'deputy'))`;
  const picked = tx
    .select({ personId: people.id })
    .from(broadcastRecipients)
    .innerJoin(people, eq(people.id, broadcastRecipients.personId))
    .where(waiting)
    .orderBy(broadcastRecipients.personId)
    .limit(limit)
    .for("update", { of: broadcastRecipients, skipLocked: true });
  const at = sql`${now.toISOString()}::timestamptz`;
  const key = sql`${`bc:${broadcastId}:`}::text || p.id`;
  const rows = rowsOf<{ n: string | number }>(
    await tx.execute(sql`
      with picked (person_id) as (${picked}),
      queued as (
        insert into ${outbox} (chat_id, person_id, locale, payload, dedupe_key, priority, not_before, created_at)
        select p.telegram_id, p.id, ${localeSql(sql`p`)},
          case when ${leads} then ${JSON.stringify(withTeam)}::jsonb else ${JSON.stringify(plain)}::jsonb end,
          ${key}, ${PRIORITY.bulk}, ${at}, ${at}
        from picked join ${people} p on p.id = picked.person_id
        on conflict (dedupe_key) do nothing
        returning id, person_id
      ),
      linked as (
        update ${broadcastRecipients} r set outbox_id = queued.id from queued
        where r.broadcast_id = ${broadcastId} and r.person_id = queued.person_id
        returning 1
      ),
      -- Queued before under the same key: link the recipient to that message rather than send another.
      -- Looked up only when some picked were not queued now (nearly never): a test done once, first.
      relinked as (
        update ${broadcastRecipients} r set outbox_id = o.id
        from picked join ${people} p on p.id = picked.person_id join ${outbox} o on o.dedupe_key = ${key}
        where r.broadcast_id = ${broadcastId} and r.person_id = picked.person_id
          and (select count(*) from queued) < (select count(*) from picked)
        returning 1
      )
      select (select count(*) from picked) as n, (select count(*) from linked) + (select count(*) from relinked) as linked`),
  );
  const written = Number(rows[0]?.n ?? 0);
  if (written === 0) {
    // Rows another writer holds still read as waiting here: that writer marks it once they are done.
    const [left] = await tx.select({ id: broadcastRecipients.personId }).from(broadcastRecipients).innerJoin(people, eq(people.id, broadcastRecipients.personId)).where(waiting).limit(1);
    if (!left) await tx.update(broadcasts).set({ queuedAt: now }).where(and(eq(broadcasts.id, broadcastId), isNull(broadcasts.queuedAt)));
  }
  return written;
}

function copyPayload(content: TextRef, photoFileId: string | null, broadcastId: number, teamButton: boolean): OutboxPayload {
  const buttons: OutboxButton[][] = [[{ text: { key: "btn-broadcast-received" }, data: ackData(broadcastId) }]];
  if (teamButton) buttons.push([{ text: { key: "btn-broadcast-team" }, data: teamReceiptsData(broadcastId) }]);
  return outboxPayloadSchema.parse(photoFileId ? { kind: "photos", fileIds: [photoFileId], caption: content, buttons } : { kind: "message", text: content, buttons });
}

/** `preferredLocale` in SQL: the chosen locale, else a supported client language, else "" (the default). */
function localeSql(p: SQL): SQL {
  const base = sql`lower(regexp_replace(${p}.client_language, '[-_].*$', ''))`;
  return sql`coalesce(${p}.locale, case when ${base} in (${sql.join(LOCALES.map((l) => sql`${l}`), sql`, `)}) then ${base} end, '')`;
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

import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { editGroup, editGroupSql } from "./edit-group.js";
import { enqueueMessages, PRIORITY } from "./enqueue.js";
import { outboxPayloadSchema, type TextRef } from "./payload.js";

/** A message we queued with buttons, as it was queued. */
export interface QueuedCopy {
  id: number;
  chatId: number;
  personId: number | null;
  locale: string;
  text: TextRef;
}

/**
 * Messages (not edits) matching `where` that were sent or may still be: a pending one may be
 * withdrawn before it goes out, and then its edit gives up (resolve-edit-target.ts); if it goes
 * out after all, the edit follows it. Edits share the original's chat and group key space, so
 * only rows of kind "message" are taken.
 */
export async function queuedCopies(tx: Db, where: SQL | undefined): Promise<QueuedCopy[]> {
  const rows = await tx
    .select({ id: outbox.id, chatId: outbox.chatId, personId: outbox.personId, locale: outbox.locale, payload: outbox.payload })
    .from(outbox)
    .where(and(where, inArray(outbox.status, ["pending", "sending", "sent"]), sql`${outbox.payload}->>'kind' = 'message'`))
    .orderBy(asc(outbox.id));
  return rows.flatMap((row) => {
    const payload = outboxPayloadSchema.safeParse(row.payload);
    if (!payload.success || payload.data.kind !== "message") return [];
    return [{ id: row.id, chatId: row.chatId, personId: row.personId, locale: row.locale, text: payload.data.text }];
  });
}

/**
 * Closes a question once it is answered: each copy is edited to its own text with a line saying
 * what became of it, and without its buttons, so nobody answers it again. Each edit is aimed at
 * its original row (it waits while that is unsent) and grouped with the other edits of it, so a
 * later answer's line replaces an earlier one. `lineFor` may give each holder their own line (the
 * one who took a place, the others); null leaves that copy as it is.
 */
export async function closeCopies(tx: Db, now: Date, copies: QueuedCopy[], lineFor: (copy: QueuedCopy) => TextRef | null): Promise<number> {
  return enqueueMessages(
    tx,
    now,
    copies.flatMap((copy) => {
      const line = lineFor(copy);
      if (!line) return [];
      return [
        {
          to: { personId: copy.personId, chatId: copy.chatId, locale: copy.locale },
          payload: { kind: "edit" as const, target: { outboxId: copy.id }, text: { key: "message-closed", args: { message: copy.text, line } } },
          groupKey: editGroup(copy.id),
          // A closed question only tidies the chat (a late press is refused anyway): it never
          // holds up a notice, as the 20:00 wave's hundreds of check-ins would otherwise do.
          priority: PRIORITY.bulk,
        },
      ];
    }),
  );
}

/**
 * The same edits as closeCopies with one line for every copy, as one INSERT … SELECT returning
 * their ids, for callers that close copies inside a statement of their own (a check-in closes its
 * reminders in its own, as the 20:00 wave runs thousands): `from` names the original rows `o`
 * (joined as the caller needs), `where` picks them, `line` is a TextRef as jsonb.
 */
export function closeCopiesInsert(from: SQL, where: SQL, line: SQL, now: SQL): SQL {
  return sql`
    insert into ${outbox} (chat_id, person_id, locale, payload, group_key, priority, not_before, created_at)
    select o.chat_id, o.person_id, o.locale,
      jsonb_build_object('kind', 'edit', 'target', jsonb_build_object('outboxId', o.id),
        'text', jsonb_build_object('key', 'message-closed', 'args', jsonb_build_object('message', o.payload -> 'text', 'line', (${line})::jsonb))),
      ${editGroupSql(sql`o.id`)}, ${PRIORITY.bulk}, (${now})::timestamptz, (${now})::timestamptz
    from ${from}
    where ${where} and o.status in ('pending', 'sending', 'sent') and o.payload ->> 'kind' = 'message'
    order by o.id
    returning ${outbox.id}`;
}

/** The copies of one card or offer, by the group key they were queued with. */
export const inGroup = (groupKey: string) => eq(outbox.groupKey, groupKey);

import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { enqueueMessages } from "./enqueue.js";
import type { OutboxButton, TextRef } from "./payload.js";

/** All edits of one sent message share a group, so a newer one can supersede an older one. */
export const editGroup = (outboxId: number) => `edit:${outboxId}`;
/** The same key computed by the database, for edits queued by one INSERT … SELECT. */
export const editGroupSql = (outboxId: SQL) => sql`'edit:' || ${outboxId}`;

/**
 * A card's buttons for one holder: copies of one card may offer different actions to different
 * people (a leader, the police liaison). `told` says the holder is being sent the card right now.
 */
export type ButtonsFor = (personId: number | null, told?: boolean) => Promise<OutboxButton[][]>;

/** The same buttons on every copy, for cards whose holders may all do the same. */
export const sameForAll =
  (buttons: OutboxButton[][]): ButtonsFor =>
  async () =>
    buttons;

/**
 * Shows a card's new state to everyone who got it: one edit per copy, each aimed at its original
 * row, so copies still waiting to be sent are edited right after they go out. Each copy gets its
 * holder's buttons; without `buttons` the edit removes them.
 */
export async function editCardCopies(tx: Db, now: Date, groupKey: string, text: TextRef, buttons?: ButtonsFor): Promise<number> {
  const copies = await tx
    .select({ id: outbox.id, chatId: outbox.chatId, personId: outbox.personId, locale: outbox.locale })
    .from(outbox)
    .where(and(eq(outbox.groupKey, groupKey), inArray(outbox.status, ["pending", "sending", "sent"])));
  const byHolder = new Map<number | null, OutboxButton[][]>();
  for (const copy of copies) if (buttons && !byHolder.has(copy.personId)) byHolder.set(copy.personId, await buttons(copy.personId));
  return enqueueMessages(
    tx,
    now,
    copies.map((copy) => {
      const keyboard = byHolder.get(copy.personId);
      return {
        to: { personId: copy.personId, chatId: copy.chatId, locale: copy.locale },
        payload: { kind: "edit", target: { outboxId: copy.id }, text, ...(keyboard ? { buttons: keyboard } : {}) },
        groupKey: editGroup(copy.id),
      };
    }),
  );
}

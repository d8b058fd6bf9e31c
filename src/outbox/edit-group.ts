import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { enqueueMessages, type OutboxMessage } from "./enqueue.js";
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
  const copies = await selectCopies(tx, [groupKey]);
  const byHolder = new Map<number | null, OutboxButton[][]>();
  for (const copy of copies) if (buttons && !byHolder.has(copy.personId)) byHolder.set(copy.personId, await buttons(copy.personId));
  return enqueueMessages(
    tx,
    now,
    copies.map((copy) => editOf(copy, text, byHolder.get(copy.personId))),
  );
}

/**
 * Many cards at once, each with the same buttons on all its copies (a live board): one read of
 * their copies and one insert of the edits, however many cards there are.
 */
export async function editManyCards(tx: Db, now: Date, cards: Map<string, { text: TextRef; buttons: OutboxButton[][] }>): Promise<number> {
  if (cards.size === 0) return 0;
  const copies = await selectCopies(tx, [...cards.keys()]);
  return enqueueMessages(
    tx,
    now,
    copies.map((copy) => {
      const card = cards.get(copy.groupKey!)!;
      return editOf(copy, card.text, card.buttons);
    }),
  );
}

type Copy = Awaited<ReturnType<typeof selectCopies>>[number];

/** The copies of cards that were sent or are on their way: the messages their edits aim at. */
function selectCopies(tx: Db, groupKeys: string[]) {
  return tx
    .select({ id: outbox.id, chatId: outbox.chatId, personId: outbox.personId, locale: outbox.locale, groupKey: outbox.groupKey })
    .from(outbox)
    .where(and(inArray(outbox.groupKey, groupKeys), inArray(outbox.status, ["pending", "sending", "sent"])));
}

function editOf(copy: Copy, text: TextRef, buttons: OutboxButton[][] | undefined): OutboxMessage {
  return {
    to: { personId: copy.personId, chatId: copy.chatId, locale: copy.locale },
    payload: { kind: "edit", target: { outboxId: copy.id }, text, ...(buttons ? { buttons } : {}) },
    groupKey: editGroup(copy.id),
  };
}

import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";
import { enqueueMessages } from "./enqueue.js";
import type { OutboxButton, TextRef } from "./payload.js";

/** All edits of one sent message share a group, so a newer one can supersede an older one. */
export const editGroup = (outboxId: number) => `edit:${outboxId}`;

/**
 * Shows a card's new state to everyone who got it: one edit per copy, each aimed at its original
 * row, so copies still waiting to be sent are edited right after they go out.
 */
export async function editCardCopies(tx: Db, now: Date, groupKey: string, text: TextRef, buttons?: OutboxButton[][]): Promise<number> {
  const copies = await tx
    .select({ id: outbox.id, chatId: outbox.chatId, personId: outbox.personId, locale: outbox.locale })
    .from(outbox)
    .where(and(eq(outbox.groupKey, groupKey), inArray(outbox.status, ["pending", "sending", "sent"])));
  return enqueueMessages(
    tx,
    now,
    copies.map((copy) => ({
      to: { personId: copy.personId, chatId: copy.chatId, locale: copy.locale },
      payload: { kind: "edit", target: { outboxId: copy.id }, text, ...(buttons ? { buttons } : {}) },
      groupKey: editGroup(copy.id),
    })),
  );
}

import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox, reminders } from "../storage/schema/index.js";
import { takeSlotPattern } from "./send-slot-offers.js";

/** The assignment a reminder message was about, so a reply to it in words finds its shift. */
export async function assignmentOfReminderMessage(db: Db, chatId: number, messageId: number): Promise<number | null> {
  const [row] = await db
    .select({ assignmentId: reminders.assignmentId })
    .from(reminders)
    .innerJoin(outbox, eq(outbox.id, reminders.outboxId))
    .where(and(eq(outbox.chatId, chatId), eq(outbox.sentMessageId, messageId)));
  return row?.assignmentId ?? null;
}

/** The open place an offer message carried ("I'll take it"), so a reply to it in words can take it. */
export async function slotOfOfferMessage(db: Db, chatId: number, messageId: number): Promise<number | null> {
  // Its edits (taken, closed) are written down with the same message id: the original comes first.
  const [row] = await db
    .select({ payload: outbox.payload })
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.sentMessageId, messageId)))
    .orderBy(asc(outbox.id))
    .limit(1);
  const buttons = (row?.payload as { buttons?: Array<Array<{ data?: string }>> } | undefined)?.buttons ?? [];
  for (const button of buttons.flat()) {
    const match = button.data ? takeSlotPattern.exec(button.data) : null;
    if (match) return Number(match[1]);
  }
  return null;
}

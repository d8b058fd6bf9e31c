import { setTimeout as sleep } from "node:timers/promises";
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

/** How long a reply waits for the sends to its chat to be written down, and how often it looks. */
const RECORDED_WITHIN_MS = 5000;
const LOOK_EVERY_MS = 100;

/**
 * Whether a message to the chat is being sent: Telegram may show it before it answers the bot,
 * and the dispatcher writes the Telegram ids of its sends down a moment after the answers come.
 */
async function sendingTo(db: Db, chatId: number): Promise<boolean> {
  const [row] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.status, "sending"), eq(outbox.chatId, chatId))).limit(1);
  return row !== undefined;
}

/**
 * `find` for a message the user replied to or pressed a button on, looked up again while a send
 * to the chat is not yet written down (the message may be that one): up to a few seconds, then not
 * found.
 * Whether sends are under way is asked before a look, not after: a send written down between a
 * look that missed it and the question would otherwise be neither found nor waited for.
 */
export async function onceRecorded<T>(db: Db, chatId: number, find: () => Promise<T | null>): Promise<T | null> {
  const deadline = Date.now() + RECORDED_WITHIN_MS;
  let found = await find();
  while (found === null && Date.now() < deadline) {
    const sending = await sendingTo(db, chatId);
    found = await find();
    if (!sending) break;
    if (found === null) await sleep(LOOK_EVERY_MS);
  }
  return found;
}

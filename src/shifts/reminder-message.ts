import { and, eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox, reminders } from "../storage/schema/index.js";

/** The assignment a reminder message was about, so a reply to it in words finds its shift. */
export async function assignmentOfReminderMessage(db: Db, chatId: number, messageId: number): Promise<number | null> {
  const [row] = await db
    .select({ assignmentId: reminders.assignmentId })
    .from(reminders)
    .innerJoin(outbox, eq(outbox.id, reminders.outboxId))
    .where(and(eq(outbox.chatId, chatId), eq(outbox.sentMessageId, messageId)));
  return row?.assignmentId ?? null;
}

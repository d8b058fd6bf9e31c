import { eq } from "drizzle-orm";
import type { Db } from "../storage/db.js";
import { outbox } from "../storage/schema/index.js";

export type EditTarget = { messageId: number } | { wait: true } | { gone: string };

/** Finds the Telegram message an edit is for, or says to wait (not sent yet) or give up. */
export async function resolveEditTarget(db: Db, outboxId: number): Promise<EditTarget> {
  const [row] = await db.select({ status: outbox.status, messageId: outbox.sentMessageId }).from(outbox).where(eq(outbox.id, outboxId));
  if (!row) return { gone: "original message no longer exists" };
  if (row.status === "sent" && row.messageId !== null) return { messageId: row.messageId };
  if (row.status === "pending" || row.status === "sending") return { wait: true };
  return { gone: `original message was ${row.status}` };
}

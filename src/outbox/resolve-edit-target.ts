import { and, eq, gt } from "drizzle-orm";
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

/**
 * Whether a newer edit of the same message exists. Edits can be retried out of order (one waits
 * for its original while the next goes out); the newest content must be the one that stays.
 */
export async function hasNewerEdit(db: Db, editId: number, groupKey: string | null): Promise<boolean> {
  if (!groupKey) return false;
  const [newer] = await db.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.groupKey, groupKey), gt(outbox.id, editId))).limit(1);
  return newer !== undefined;
}

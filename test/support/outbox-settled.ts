import { and, count, inArray, lte } from "drizzle-orm";
import type { Db } from "../../src/storage/db.js";
import { outbox } from "../../src/storage/schema/index.js";

/** Waits until every outbox message due by `dueBy` has been sent (or has failed for good). */
export async function outboxSettled(db: Db, dueBy = new Date(Date.now() + 365 * 86_400_000), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.select({ n: count() }).from(outbox).where(and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.notBefore, dueBy)));
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the outbox did not settle");
}

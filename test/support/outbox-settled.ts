import { and, count, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../src/storage/db.js";
import type { BotHarness } from "./bot-harness.js";
import { outbox } from "../../src/storage/schema/index.js";

/** Waits until every outbox message due by `dueBy` has been sent (or has failed for good). */
export async function outboxSettled(db: Db, dueBy = new Date(Date.now() + 365 * 86_400_000), timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const [row] = await db.select({ n: count() }).from(outbox).where(and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.notBefore, dueBy)));
    if (row!.n === 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  const stuck = await db
    .select({ id: outbox.id, status: outbox.status, notBefore: outbox.notBefore, kind: sql<string>`${outbox.payload}->>'kind'`, lastError: outbox.lastError })
    .from(outbox)
    .where(and(inArray(outbox.status, ["pending", "sending"]), lte(outbox.notBefore, dueBy)));
  throw new Error(`the outbox did not settle: ${JSON.stringify(stuck)}`);
}

/**
 * Moves the pinned clock with the outbox stopped: a jump past the lease of a message being sent
 * would make the dispatcher take it over and send it again, as it does after a crash.
 */
export async function moveClock(h: BotHarness, instant: string | Date): Promise<void> {
  await h.app.dispatcher.stop();
  h.setNow(instant);
  h.app.dispatcher.start();
}

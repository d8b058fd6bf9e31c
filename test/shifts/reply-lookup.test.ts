import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMessagesReturning } from "../../src/outbox/enqueue.js";
import { onceRecorded } from "../../src/shifts/reminder-message.js";
import type { Database } from "../../src/storage/db.js";
import { outbox } from "../../src/storage/schema/index.js";
import { makePerson } from "../support/domain.js";
import { openTestDatabase } from "../support/test-database.js";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("looking up the message a reply answers while its sending is written down", () => {
  it("When the dispatcher writes the send down between the lookup and the check for sends under way, then the lookup still finds the message", async () => {
    const { db } = database;
    const person = await makePerson(db);
    const [row] = await enqueueMessagesReturning(db, new Date(), [{ to: { chatId: person.telegramId, personId: person.personId, locale: "en" }, payload: { kind: "message", text: { key: "help" } } }]);
    await db.update(outbox).set({ status: "sending" }).where(eq(outbox.id, row!.id));
    let looks = 0;
    const found = await onceRecorded(db, person.telegramId, async () => {
      looks += 1;
      const [sent] = await db.select({ id: outbox.id }).from(outbox).where(eq(outbox.sentMessageId, 77));
      // The dispatcher's batch lands right after the first look has missed it.
      if (looks === 1) await db.update(outbox).set({ status: "sent", sentMessageId: 77 }).where(eq(outbox.id, row!.id));
      return sent?.id ?? null;
    });
    expect(found).toBe(row!.id);
  });
});

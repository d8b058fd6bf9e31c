import { eq, inArray } from "drizzle-orm";
import { Api } from "grammy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDeliver, createRenderer } from "../../src/bot/deliver.js";
import { createI18n } from "../../src/bot/i18n.js";
import { claimDueMessages } from "../../src/outbox/claim.js";
import { createDispatcher } from "../../src/outbox/dispatcher.js";
import { enqueueMessages, type OutboxMessage } from "../../src/outbox/enqueue.js";
import type { Database } from "../../src/storage/db.js";
import { outbox, people } from "../../src/storage/schema/index.js";
import { startFakeTelegram, type FakeTelegram } from "../../src/sandbox/telegram/index.js";
import { lostConnectionOutage, serverOutage, type Outage } from "../support/database-outage.js";
import { makePerson, silentLogger } from "../support/domain.js";
import { captureLogs } from "../support/log-capture.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";

let database: Database;
let fake: FakeTelegram;
let deliver: ReturnType<typeof createDeliver>;
beforeAll(async () => {
  database = await openTestDatabase();
  fake = await startFakeTelegram();
  deliver = createDeliver(new Api(fake.token, { apiRoot: fake.apiRoot }), createRenderer(createI18n("en"), "en", "Asia/Shanghai"));
});
afterAll(async () => {
  await fake?.close();
  await database?.close();
});

/** People the fake knows, each with an outbox message per text. */
async function recipients(count: number) {
  const list = [];
  for (let i = 0; i < count; i++) {
    const person = await makePerson(database.db);
    const user = fake.user({ id: person.telegramId, first_name: `R${i}`, language_code: "en" });
    list.push({ ...person, user });
  }
  return list;
}

const notice = (to: { personId: number; telegramId: number }, team: string, key?: string): OutboxMessage => ({
  to: { personId: to.personId, chatId: to.telegramId, locale: "en" },
  payload: { kind: "message", text: { key: "notice-removed", args: { team } } },
  ...(key ? { dedupeKey: key } : {}),
});

describe("the outbox dispatcher", () => {
  it("When messages are enqueued twice under the same key, then each is delivered exactly once, in order per chat", async () => {
    const people3 = await recipients(3);
    const now = new Date();
    const batch = people3.flatMap((p) => [notice(p, "A", `k:${p.personId}:1`), notice(p, "B", `k:${p.personId}:2`)]);
    expect(await enqueueMessages(database.db, now, batch)).toBe(6);
    expect(await enqueueMessages(database.db, now, batch)).toBe(0);

    const dispatcher = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100 });
    expect(await dispatcher.drain()).toBe(6);

    for (const p of people3) {
      expect(p.user.messages().map((m) => m.text)).toEqual([expect.stringContaining(" A."), expect.stringContaining(" B.")]);
    }
  });

  it("When Telegram answers 429, then the dispatcher waits retry_after and sends every message once", async () => {
    const [p] = await recipients(1);
    await enqueueMessages(database.db, new Date(), [notice(p!, "C"), notice(p!, "D")]);
    fake.failNext("sendMessage", { error_code: 429, retry_after: 1 }, 2);
    const dispatcher = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100 });
    dispatcher.start();
    await p!.user.waitForMessage(/ D\./, { timeoutMs: 10_000 });
    await dispatcher.stop();
    expect(p!.user.messages().map((m) => m.text)).toEqual([expect.stringContaining(" C."), expect.stringContaining(" D.")]);
  });

  it("When drain() is called while the dispatcher's loop runs, then both send from one queue, each message once, and the loop goes on", async () => {
    const list = await recipients(12);
    const log = captureLogs();
    const dispatcher = createDispatcher({ db: database.db, logger: log.logger, deliver, ratePerSecond: 20 });
    dispatcher.start();
    try {
      await enqueueMessages(database.db, new Date(), list.map((p) => notice(p, "Drained")));
      await Promise.all([dispatcher.drain(), dispatcher.drain()]);
      await enqueueMessages(database.db, new Date(), list.map((p) => notice(p, "After")));
      dispatcher.nudge();
      for (const p of list) await p.user.waitForMessage(/ After\./, { timeoutMs: 10_000 });
    } finally {
      await dispatcher.stop();
    }
    for (const p of list) expect(p.user.messages().map((m) => m.text)).toEqual([expect.stringContaining(" Drained."), expect.stringContaining(" After.")]);
    expect(log.lines.filter((line) => line.level >= 50).map((line) => line.msg)).toEqual([]);
  });

  it("When a user blocked the bot, then the message is marked unreachable and so is the person", async () => {
    const [p] = await recipients(1);
    fake.blockUser(p!.telegramId);
    await enqueueMessages(database.db, new Date(), [notice(p!, "E", `blocked:${p!.personId}`)]);
    await createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100 }).drain();
    const [row] = await database.db.select().from(outbox).where(eq(outbox.dedupeKey, `blocked:${p!.personId}`));
    expect(row?.status).toBe("unreachable");
    const [person] = await database.db.select().from(people).where(eq(people.id, p!.personId));
    expect(person?.unreachableAt).not.toBeNull();
  });

  it("When the lease of messages being sent runs out while the dispatcher still holds them, then its next claims leave them be, and each goes out once", async () => {
    const list = await recipients(3);
    const keys = list.map((p) => `renewed:${p.personId}`);
    let now = new Date();
    await enqueueMessages(database.db, now, list.map((p, i) => notice(p, "Renewed", keys[i])));
    const dispatcher = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100, clock: () => now });
    const answers = fake.holdAnswers("sendMessage");
    try {
      dispatcher.start();
      for (const p of list) await p.user.waitForMessage("Renewed");
      // Telegram is slow to answer, past the lease; the dispatcher claims again (a later message
      // goes out) but not the rows it is still sending.
      now = new Date(now.getTime() + 61_000);
      const [later] = await recipients(1);
      await enqueueMessages(database.db, now, [notice(later!, "Later")]);
      dispatcher.nudge();
      await later!.user.waitForMessage("Later");
      expect(await attemptsOf(keys)).toEqual([1, 1, 1]);
      answers.release();
      await waitFor("the rows are written down", async () => (await statuses(keys)).every((status) => status === "sent"));
    } finally {
      answers.release();
      await dispatcher.stop();
    }
    for (const p of list) expect(p.user.messages()).toHaveLength(1);
    expect(await statuses(keys)).toEqual(["sent", "sent", "sent"]);
  });

  it("When a dispatcher dies holding claims, then another sends them after the lease and nothing is lost", async () => {
    const list = await recipients(2);
    const now = new Date();
    await enqueueMessages(database.db, now, list.map((p) => notice(p, "F", `lease:${p.personId}`)));
    const claimed = await claimDueMessages(database.db, now, 100, 60_000);
    expect(claimed.length).toBeGreaterThanOrEqual(2); // the "dead" dispatcher never sends them

    const early = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100, clock: () => new Date(now.getTime() + 30_000) });
    expect(await early.drain()).toBe(0);
    const late = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100, clock: () => new Date(now.getTime() + 61_000) });
    expect(await late.drain()).toBeGreaterThanOrEqual(2);

    const rows = await database.db.select().from(outbox).where(inArray(outbox.dedupeKey, list.map((p) => `lease:${p.personId}`)));
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    for (const p of list) expect(p.user.messages()).toHaveLength(1);
  });
});

describe("the outbox through a database outage", () => {
  const outages: Array<{ what: string; postgresOnly: boolean; prepare: () => Promise<Outage> }> = [
    { what: "the connection to the database is lost", postgresOnly: false, prepare: async () => lostConnectionOutage(database.db) },
    { what: "the server cuts the database off", postgresOnly: true, prepare: () => serverOutage(database.db) },
  ];

  for (const [n, outage] of outages.entries()) {
    it.skipIf(outage.postgresOnly && !onPostgres)(
      `When ${outage.what} while sent and unreachable messages are being written down, then each is sent once and written down after it is back`,
      async () => {
        const list = await recipients(3);
        const [blocked] = await recipients(1);
        fake.blockUser(blocked!.telegramId);
        const now = new Date();
        const everyone = [...list, blocked!];
        const keys = everyone.map((p) => `outage${n}:${p.personId}`);
        await enqueueMessages(database.db, now, everyone.map((p, i) => notice(p, `Outage${n}`, keys[i])));
        const cut = await outage.prepare();
        const log = captureLogs();
        const dispatcher = createDispatcher({ db: cut.db, logger: log.logger, deliver, ratePerSecond: 100, clock: () => now });
        // Telegram has the messages, but the answers (and so the writing down) come only once the database is gone.
        const answers = fake.holdAnswers("sendMessage");
        try {
          dispatcher.start();
          for (const p of list) await p.user.waitForMessage(`Outage${n}`);
          await cut.begin();
          answers.release();
          await log.waitFor(/recording sent messages failed/);
          await cut.end();
          await dispatcher.stop();
          // Past the lease, the next dispatcher takes over what is still marked as being sent.
          const later = new Date(now.getTime() + 61_000);
          await createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100, clock: () => later }).drain();
        } finally {
          answers.release();
          await cut.close();
        }
        for (const p of list) expect(p.user.messages()).toHaveLength(1);
        expect(sendsTo(blocked!.telegramId)).toBe(1);
        expect(await statuses(keys)).toEqual(["sent", "sent", "sent", "unreachable"]);
        expect(await unreachableSince(blocked!.personId)).not.toBeNull();
      },
    );
  }

  it("When a dispatcher is gone after its sends but before it wrote them down, then they go out again after its lease, and none is lost", async () => {
    const list = await recipients(2);
    const [blocked] = await recipients(1);
    fake.blockUser(blocked!.telegramId);
    const now = new Date();
    const everyone = [...list, blocked!];
    const keys = everyone.map((p) => `gone:${p.personId}`);
    await enqueueMessages(database.db, now, everyone.map((p, i) => notice(p, "Gone", keys[i])));
    const cut = lostConnectionOutage(database.db);
    const log = captureLogs();
    // Stopped, it gives up on writing at once, as a process that died would never write.
    const dispatcher = createDispatcher({ db: cut.db, logger: log.logger, deliver, ratePerSecond: 100, clock: () => now, stopGraceMs: 100 });
    const answers = fake.holdAnswers("sendMessage");
    try {
      dispatcher.start();
      for (const p of list) await p.user.waitForMessage("Gone");
      await cut.begin();
      answers.release();
      await log.waitFor(/recording sent messages failed/);
      await dispatcher.stop();
      await cut.end();
      expect(await statuses(keys), "still claimed by the dispatcher that is gone").toEqual(["sending", "sending", "sending"]);
      const later = new Date(now.getTime() + 61_000);
      await createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100, clock: () => later }).drain();
    } finally {
      answers.release();
      await cut.close();
    }
    // Sent twice rather than lost: the first answers were never written down.
    for (const p of list) expect(p.user.messages()).toHaveLength(2);
    expect(sendsTo(blocked!.telegramId)).toBe(2);
    expect(await statuses(keys)).toEqual(["sent", "sent", "unreachable"]);
    expect(await unreachableSince(blocked!.personId)).not.toBeNull();
  });
});

/** The outbox rows' statuses, in the order of their keys. */
async function statuses(keys: string[]): Promise<string[]> {
  const rows = await database.db.select({ key: outbox.dedupeKey, status: outbox.status }).from(outbox).where(inArray(outbox.dedupeKey, keys));
  return keys.map((key) => rows.find((r) => r.key === key)?.status ?? "missing");
}

async function attemptsOf(keys: string[]): Promise<number[]> {
  const rows = await database.db.select({ key: outbox.dedupeKey, attempts: outbox.attempts }).from(outbox).where(inArray(outbox.dedupeKey, keys));
  return keys.map((key) => rows.find((r) => r.key === key)?.attempts ?? 0);
}

async function waitFor(what: string, done: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** How many messages the fake was asked to send to a chat, answered or refused. */
const sendsTo = (chatId: number) => fake.calls.filter((c) => c.method === "sendMessage" && Number(c.params["chat_id"]) === chatId).length;

async function unreachableSince(personId: number): Promise<Date | null> {
  const [person] = await database.db.select({ at: people.unreachableAt }).from(people).where(eq(people.id, personId));
  return person?.at ?? null;
}

describe("editing a card everywhere", () => {
  it("When two edits of one card are queued and the older one goes out last, then the newer text is what stays", async () => {
    const { editCardCopies } = await import("../../src/outbox/edit-group.js");
    const [p] = await recipients(1);
    const now = new Date();
    await enqueueMessages(database.db, now, [{ ...notice(p!, "Original"), groupKey: `card:${p!.personId}` }]);
    const dispatcher = createDispatcher({ db: database.db, logger: silentLogger, deliver, ratePerSecond: 100 });
    await dispatcher.drain();
    await editCardCopies(database.db, now, `card:${p!.personId}`, { key: "notice-removed", args: { team: "Older" } });
    await editCardCopies(database.db, now, `card:${p!.personId}`, { key: "notice-removed", args: { team: "Newer" } });
    // The older edit is due only after the newer one, as after a retry.
    await database.db.update(outbox).set({ notBefore: new Date(now.getTime() - 1000) }).where(eq(outbox.chatId, p!.telegramId));
    const rows = await database.db.select().from(outbox).where(eq(outbox.chatId, p!.telegramId)).orderBy(outbox.id);
    await database.db.update(outbox).set({ priority: 9 }).where(eq(outbox.id, rows.at(-1)!.id));
    await dispatcher.drain();
    expect(p!.user.messages()[0]!.text).toContain("Newer");
  });
});

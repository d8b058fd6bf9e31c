import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueueMessages } from "../../src/outbox/enqueue.js";
import { openDatabase } from "../../src/storage/db.js";
import { migrateDatabase } from "../../src/storage/migrate.js";
import { outbox } from "../../src/storage/schema/index.js";
import { startBotHarness, type BotHarness } from "../support/bot-harness.js";
import { makePerson } from "../support/domain.js";
import { postgresBinDir, startPrivatePostgres, type PrivatePostgres } from "../support/private-postgres.js";

const binDir = postgresBinDir();

async function eventually(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = "never true";
  while (Date.now() < deadline) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; last: ${String(last)}`);
}

/**
 * Restarts a PostgreSQL server of the test's own under the running app, as a failover or an
 * operator's restart would. Needs the PostgreSQL server binaries; CI has them.
 */
describe.skipIf(!binDir)("a PostgreSQL restart under load", () => {
  let cluster: PrivatePostgres | undefined;
  let h: BotHarness | undefined;
  const crashes: unknown[] = [];
  const onCrash = (error: unknown) => void crashes.push(error);

  beforeAll(async () => {
    process.on("uncaughtException", onCrash);
    process.on("unhandledRejection", onCrash);
    cluster = await startPrivatePostgres(binDir!);
    const target = { kind: "postgres" as const, url: cluster.url };
    await migrateDatabase(target);
    h = await startBotHarness({ mode: "polling", database: await openDatabase(target), env: { OUTBOX_RATE_PER_SECOND: "25" } });
  });

  afterAll(async () => {
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    try {
      // A driver broken by the restart could hang here; the cluster must go all the same.
      await Promise.race([h?.close(), sleep(20_000)]);
    } finally {
      await cluster?.destroy();
    }
  });

  it("When the database restarts while updates and outbox messages flow, then the bot stays up, answers again, and every message arrives once", async () => {
    const { db } = h!.database;
    const recipients = [];
    for (let i = 0; i < 100; i++) {
      const person = await makePerson(db);
      recipients.push({ ...person, user: h!.fake.user({ id: person.telegramId, first_name: `R${i}`, language_code: "en" }) });
    }
    await enqueueMessages(db, new Date(), recipients.map((r) => ({
      to: { personId: r.personId, chatId: r.telegramId, locale: "en" },
      payload: { kind: "message" as const, text: { key: "notice-removed", args: { team: `T${r.personId}` } } },
    })));
    h!.app.dispatcher.nudge();

    // Users keep pressing buttons through the restart (each press a transaction); what they get meanwhile does not matter.
    const writers = [];
    for (let n = 1; n <= 10; n++) {
      const user = h!.fake.user({ id: 41_000 + n, first_name: `W${n}`, language_code: "en" });
      await user.send("/lang");
      const menu = await user.waitForMessage(/Choose your language/);
      const english = menu.reply_markup!.inline_keyboard[0]!.find((b) => b.text === "English");
      writers.push({ user, menu, press: english && "callback_data" in english ? english.callback_data! : "" });
    }
    let writing = true;
    const load = Promise.all(
      writers.map(async ({ user, menu, press }) => {
        while (writing) {
          await user.clickData(menu, press);
          await sleep(5);
        }
      }),
    );

    // A long transaction (a big import, the night's planning) is open when the server goes down.
    let restarting!: () => void;
    const serverGone = new Promise<void>((resolve) => (restarting = resolve));
    let opened!: () => void;
    const inTransaction = new Promise<void>((resolve) => (opened = resolve));
    const longTransaction = db
      .transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        opened();
        await serverGone;
        await tx.execute(sql`select 1`);
      })
      .then(() => "committed", (error: unknown) => error);
    await inTransaction;

    while (h!.fake.stats().accepted < 20) await sleep(20);
    await cluster!.stop();
    restarting();
    expect(await longTransaction).toBeInstanceOf(Error);
    const down = await fetch(`http://127.0.0.1:${h!.app.port}/healthz`);
    expect([down.status, await down.json()]).toMatchObject([503, { status: "down", database: "unavailable" }]);
    await sleep(3000);
    await cluster!.start();
    writing = false;
    await load;
    expect(crashes).toEqual([]);

    // The pool may still be waiting to reconnect, and then fails at once: ask again until it answers.
    await eventually("every outbox message sent", async () => (await db.select({ status: outbox.status }).from(outbox)).every((r) => r.status === "sent"));
    for (const r of recipients) expect(r.user.messages().map((m) => m.text)).toEqual([expect.stringContaining(`T${r.personId}`)]);
    const late = h!.fake.user({ id: 41_100, first_name: "Late", language_code: "en" });
    await late.send("/me");
    await late.waitForMessage(/not on a patrol team yet/, { timeoutMs: 15_000 });
    await eventually("/healthz says ok", async () => (await fetch(`http://127.0.0.1:${h!.app.port}/healthz`)).status === 200);
    expect(crashes).toEqual([]);
  }, 60_000);
});

import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "../../src/storage/db.js";
import type { PGliteThread } from "../../src/storage/pglite-thread.js";
import { startBotHarness } from "../support/bot-harness.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";

/** A transaction that has run a statement and then waits, holding the connection, until released. */
function holdTransaction(db: Db) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let inside!: () => void;
  const holding = new Promise<void>((resolve) => (inside = resolve));
  const done = db.transaction(async (tx) => {
    await tx.execute(sql`create table held (n int)`);
    inside();
    await released;
    await tx.execute(sql`insert into held values (1)`);
  });
  return { holding, release, done };
}

/** Drizzle wraps a failed query's error in its own, with the driver's as the cause. */
async function failure(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => null, (e: unknown) => e as Error & { cause?: Error });
  if (!error) throw new Error("expected a failure");
  return error.cause?.message ?? error.message;
}

const threadOf = (db: Db) => (db as unknown as { $client: PGliteThread }).$client;

describe("the database off the bot's thread", () => {
  it("When a transaction holds the database, then /healthz still answers ok, and the transaction commits once released", async () => {
    const h = await startBotHarness();
    try {
      await h.app.scheduler.idle();
      const held = holdTransaction(h.database.db);
      await held.holding;
      const health = await fetch(`http://127.0.0.1:${h.app.port}/healthz`);
      // The outbox backlog waits behind the transaction on PGlite's one connection: busy, not down.
      expect(await health.json()).toMatchObject({ status: "ok", database: "ok", outbox: onPostgres ? { waiting: 0 } : "busy" });
      held.release();
      await held.done;
      const rows = await h.database.db.execute(sql`select n from held`);
      expect(Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows).toEqual([{ n: 1 }]);
    } finally {
      await h.close();
    }
  });

  it.runIf(!onPostgres)("When the database thread dies, then the queries waiting for it fail, and later ones fail at once", async () => {
    const database = await openTestDatabase();
    try {
      const held = holdTransaction(database.db);
      await held.holding;
      const waiting = database.db.execute(sql`select 1`);
      await threadOf(database.db).worker.terminate();
      expect(await failure(waiting)).toMatch(/embedded database stopped/);
      held.release();
      expect(await failure(held.done)).toMatch(/embedded database stopped/);
      expect(await failure(database.db.execute(sql`select 1`))).toMatch(/embedded database stopped/);
    } finally {
      await database.close();
    }
  });

  it.runIf(!onPostgres)("When the embedded database is closed, then its thread ends", async () => {
    const database = await openTestDatabase();
    const { worker } = threadOf(database.db);
    const exited = new Promise<number>((resolve) => worker.once("exit", resolve));
    await database.close();
    await exited;
    expect(await failure(database.db.execute(sql`select 1`))).toMatch(/embedded database is closed/);
  });

  it.runIf(!onPostgres)("When a statement fails, then the error carries the database's code and the transaction is rolled back", async () => {
    const database = await openTestDatabase();
    try {
      await database.db.execute(sql`create table once (n int primary key)`);
      const failing = database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into once values (1)`);
        await tx.execute(sql`insert into once values (1)`);
      });
      await expect(failing).rejects.toMatchObject({ cause: { code: "23505", constraint: "once_pkey" } });
      const rows = await database.db.execute(sql`select count(*)::int as n from once`);
      expect((rows as unknown as { rows: unknown[] }).rows).toEqual([{ n: 0 }]);
    } finally {
      await database.close();
    }
  });
});

import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Db } from "../../src/storage/db.js";
import { preparedPerDb } from "../../src/storage/prepared.js";
import { people } from "../../src/storage/schema/index.js";
import { onPostgres, openTestDatabase } from "../support/test-database.js";

const personByTelegramId = preparedPerDb((db) =>
  db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.telegramId, sql.placeholder("telegramId")))
    .prepare("test_person_by_telegram_id"),
);

const addPerson = preparedPerDb((db) =>
  db
    .insert(people)
    .values({ telegramId: sql.placeholder("telegramId"), name: sql.placeholder("name"), createdAt: sql`now()`, updatedAt: sql`now()` })
    .returning({ id: people.id })
    .prepare("test_add_person"),
);

const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows);

describe("statements prepared once", () => {
  let database: Database;
  let db: Db;
  beforeAll(async () => {
    database = await openTestDatabase();
    db = database.db;
  });
  afterAll(() => database.close());

  it.runIf(!onPostgres)("When a prepared statement runs again on PGlite, then the database parsed it once, under one name, and reuses it", async () => {
    for (let telegramId = 1; telegramId <= 7; telegramId++) await personByTelegramId(db).execute({ telegramId });
    const prepared = rowsOf(await db.execute(sql`select statement, generic_plans + custom_plans as runs from pg_prepared_statements`));
    expect(prepared).toEqual([{ statement: personByTelegramId(db).getQuery().sql, runs: 7 }]);
  });

  it("When a prepared statement fails, then the error carries the database's code, and the statement runs again, in and out of transactions", async () => {
    const [first] = await addPerson(db).execute({ telegramId: 501, name: "Ann" });
    await expect(addPerson(db).execute({ telegramId: 501, name: "Ann again" })).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await personByTelegramId(db).execute({ telegramId: 501 })).toEqual([first]);

    const rolledBack = db.transaction(async (tx) => {
      const [added] = await addPerson(tx).execute({ telegramId: 502, name: "Bo" });
      expect(await personByTelegramId(tx).execute({ telegramId: 502 })).toEqual([added]);
      await addPerson(tx).execute({ telegramId: 501, name: "Ann in a transaction" });
    });
    await expect(rolledBack).rejects.toMatchObject({ cause: { code: "23505" } });
    expect(await personByTelegramId(db).execute({ telegramId: 502 })).toEqual([]);

    const committed = await db.transaction(async (tx) => (await addPerson(tx).execute({ telegramId: 503, name: "Cy" }))[0]);
    expect(await personByTelegramId(db).execute({ telegramId: 503 })).toEqual([committed]);
  });
});

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/storage/db.js";
import { migrateDatabase } from "../../src/storage/migrate.js";
import { newestMigrationMillis } from "../../src/storage/migrations-folder.js";
import { openConfiguredDatabase } from "../../src/storage/open-configured.js";
import * as schema from "../../src/storage/schema/index.js";
import { withDatabase } from "../support/global-setup.js";
import { onPostgres } from "../support/test-database.js";

/** Every table the schema declares: the migrations must create exactly these. */
const tables = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

async function tableNames(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<string[]> {
  const result = await db.execute(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ table_name: string }>;
  return rows.map((r) => r.table_name);
}

/** Each creates a store from nothing (PGlite's initdb, every migration): seconds alone, more on a busy machine. */
const FROM_NOTHING_MS = 60_000;

describe("migrations", () => {
  it.runIf(onPostgres)("When three instances start at once on an empty PostgreSQL database, then the schema is applied once without errors", async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const name = `shouye_m_${process.ppid}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    try {
      const target = { kind: "postgres" as const, url: withDatabase(url, name) };
      await Promise.all([migrateDatabase(target), migrateDatabase(target), migrateDatabase(target)]);
      const database = await openDatabase(target);
      expect(await tableNames(database.db)).toEqual(tables);
      const applied = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      const n = ((Array.isArray(applied) ? applied : (applied as { rows: unknown[] }).rows)[0] as { n: number }).n;
      expect(n).toBeGreaterThanOrEqual(1);
      await database.close();
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }, FROM_NOTHING_MS);

  it.runIf(!onPostgres)("When the embedded store is migrated twice, then the second run changes nothing", async () => {
    const database = await openDatabase({ kind: "pglite" });
    try {
      await migrateDatabase({ kind: "pglite" }, database);
      await migrateDatabase({ kind: "pglite" }, database);
      expect(await tableNames(database.db)).toEqual(tables);
    } finally {
      await database.close();
    }
  }, FROM_NOTHING_MS);

  it.runIf(!onPostgres)("When the bot starts on an empty DATA_DIR, then its store has every table and every migration recorded, seeded by the build or not", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "shouye-empty-"));
    const database = await openConfiguredDatabase({ DATABASE_URL: undefined, DATA_DIR: dataDir });
    try {
      expect(await tableNames(database.db)).toEqual(tables);
      const last = await database.db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
      const row = (Array.isArray(last) ? last : (last as { rows: unknown[] }).rows)[0] as { last: string | number };
      expect(Number(row.last)).toBe(newestMigrationMillis());
    } finally {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, FROM_NOTHING_MS);
});

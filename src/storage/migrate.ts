import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { openDatabase, type Database, type DatabaseTarget } from "./db.js";
import { migrationsFolder, newestMigrationMillis } from "./migrations-folder.js";

/** An arbitrary constant shared by every instance: "shouye" in ASCII, as a 64-bit key. */
const MIGRATION_LOCK_KEY = sql.raw(String(0x73686f757965));

/**
 * Applies pending migrations while holding a session-level advisory lock, so several
 * instances starting at once apply them one after another, not on top of each other.
 * For PostgreSQL the lock and the migrations share one dedicated connection. A store that has
 * them all already, the usual start, is left alone after one query.
 */
export async function migrateDatabase(target: DatabaseTarget, existing?: Database): Promise<void> {
  if (target.kind === "pglite") {
    if (!existing) throw new Error("PGlite migrations need the open database");
    if (await hasAllMigrations(existing)) return;
    await withLock(existing, () => migratePglite(existing.db as PgliteDatabase<never>, { migrationsFolder }));
    return;
  }
  const single = await openDatabase({ ...target, maxConnections: 1 });
  try {
    if (await hasAllMigrations(single)) return;
    await withLock(single, () => migratePostgres(single.db as PostgresJsDatabase<never>, { migrationsFolder }));
  } finally {
    await single.close();
  }
}

/**
 * Whether the newest migration in drizzle/ is recorded as applied, by the rule drizzle's migrator
 * itself uses (a migration counts as applied when its timestamp is not after the last one
 * recorded). Without it every start repeats drizzle's schema and table checks, a lock and an
 * empty transaction: a quarter of a second on PGlite. No migrations table yet means a new store.
 */
async function hasAllMigrations(database: Database): Promise<boolean> {
  try {
    const result = await database.db.execute(sql`select max(created_at) as last from drizzle.__drizzle_migrations`);
    // postgres.js returns the rows; PGlite returns { rows }.
    const [row] = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Array<{ last: string | number | null }>;
    return row?.last != null && Number(row.last) >= newestMigrationMillis();
  } catch {
    return false;
  }
}

async function withLock(database: Database, work: () => Promise<void>): Promise<void> {
  await database.db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
  try {
    await work();
  } finally {
    await database.db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
  }
}

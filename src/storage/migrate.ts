import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { openDatabase, type Database, type DatabaseTarget } from "./db.js";
import { migrationsFolder } from "./migrations-folder.js";

/** An arbitrary constant shared by every instance: "shouye" in ASCII, as a 64-bit key. */
const MIGRATION_LOCK_KEY = sql.raw(String(0x73686f757965));

/**
 * Applies pending migrations while holding a session-level advisory lock, so several
 * instances starting at once apply them one after another, not on top of each other.
 * For PostgreSQL the lock and the migrations share one dedicated connection.
 */
export async function migrateDatabase(target: DatabaseTarget, existing?: Database): Promise<void> {
  if (target.kind === "pglite") {
    if (!existing) throw new Error("PGlite migrations need the open database");
    await withLock(existing, () => migratePglite(existing.db as PgliteDatabase<never>, { migrationsFolder }));
    return;
  }
  const single = await openDatabase({ ...target, maxConnections: 1 });
  try {
    await withLock(single, () => migratePostgres(single.db as PostgresJsDatabase<never>, { migrationsFolder }));
  } finally {
    await single.close();
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

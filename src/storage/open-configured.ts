import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { StoreConfig } from "../config/config.js";
import { lockDataDir } from "./data-dir-lock.js";
import { openDatabase, type Database, type DatabaseTarget } from "./db.js";
import { migrateDatabase } from "./migrate.js";
import { copyPgliteSeed } from "./pglite-seed.js";

/** Opens the store the configuration names and brings its schema up to date. */
export async function openConfiguredDatabase(config: Pick<StoreConfig, "DATABASE_URL" | "DATA_DIR"> & Partial<Pick<StoreConfig, "DATABASE_POOL_SIZE">>): Promise<Database & { target: DatabaseTarget }> {
  if (config.DATABASE_URL) {
    const target: DatabaseTarget = { kind: "postgres", url: config.DATABASE_URL, ...(config.DATABASE_POOL_SIZE ? { maxConnections: config.DATABASE_POOL_SIZE } : {}) };
    await migrateDatabase(target);
    return { ...(await openDatabase(target)), target };
  }
  const dataDir = resolve(config.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  const pgliteDir = join(dataDir, "pglite");
  const target: DatabaseTarget = { kind: "pglite", dataDir: pgliteDir };
  try {
    copyPgliteSeed(pgliteDir);
    const database = await openDatabase(target);
    await migrateDatabase(target, database);
    return {
      ...database,
      target,
      async close() {
        await database.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

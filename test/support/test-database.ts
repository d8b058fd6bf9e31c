import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type Database } from "../../src/storage/db.js";
import { withDatabase } from "./global-setup.js";

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * A fresh, migrated database for one test file: a PGlite loaded from the run's seed, or a
 * PostgreSQL database copied from the run's template (dropped again on close), with
 * `maxConnections` for the bot (10 unless told).
 */
export async function openTestDatabase(options: { maxConnections?: number } = {}): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `shouye_t_${process.ppid}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name} template ${inject("pgTemplate")}`);
    const database = await openDatabase({ kind: "postgres", url: withDatabase(url, name), maxConnections: options.maxConnections ?? 10 });
    return {
      ...database,
      async close() {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  return openDatabase({ kind: "pglite", loadDataDir: readFileSync(inject("pgliteSeed")) });
}

import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openDatabase, type Database } from "../src/storage/db.js";
import { migrateDatabase } from "../src/storage/migrate.js";
import { withDatabase } from "../test/support/global-setup.js";

/** A new, empty database on `url`'s server: its URL, an admin connection to the server, and how to drop it again. */
export async function scratchPostgres(url: string): Promise<{ name: string; url: string; admin: postgres.Sql; drop(): Promise<void> }> {
  const name = `shouye_bench_${randomBytes(3).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  return {
    name,
    url: withDatabase(url, name),
    admin,
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/**
 * A migrated database for one bench run: PGlite in memory, or, with DATABASE_URL set, a scratch
 * database created on that server and dropped again by `drop`. `open` is the build that opens it
 * (the shipped one for a bench that starts the shipped app).
 */
export async function openScratchDatabase(open: typeof openDatabase = openDatabase): Promise<{ database: Database; drop: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await open({ kind: "pglite" });
    await migrateDatabase({ kind: "pglite" }, database);
    return { database, drop: () => database.close() };
  }
  const scratch = await scratchPostgres(url);
  try {
    const target = { kind: "postgres" as const, url: scratch.url };
    await migrateDatabase(target);
    const database = await open(target);
    return {
      database,
      async drop() {
        await database.close();
        await scratch.drop();
      },
    };
  } catch (error) {
    await scratch.drop();
    throw error;
  }
}

import { mkdirSync } from "node:fs";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { DEFAULT_DATABASE_POOL_SIZE } from "../config/config.js";
import { openPGliteThread, PGliteThread } from "./pglite-thread.js";
import * as schema from "./schema/index.js";

/**
 * One type for both drivers. A transaction handle is also a Db, so verbs take `db` first and
 * callers pass `tx` inside a transaction. (PGlite has one connection: using the outer `db`
 * inside a transaction would wait for the transaction itself, forever.)
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget =
  | { kind: "postgres"; url: string; maxConnections?: number }
  /** In memory without dataDir; loadDataDir starts it from a dumped tarball. */
  | { kind: "pglite"; dataDir?: string; loadDataDir?: Uint8Array };

export interface Database {
  db: Db;
  /**
   * What the scheduler's jobs run on. On PostgreSQL, a connection of its own: a tick starts several
   * jobs at once, and on the bot's pool they would take the connections a 20:00 wave of check-ins
   * waits for (or all of them, behind a lock). PGlite has one connection: the same as `db`.
   */
  jobsDb: Db;
  kind: DatabaseTarget["kind"];
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const connect = (max: number, applicationName: string) =>
      postgres(target.url, { max, onnotice: () => {}, connection: { application_name: applicationName }, backoff: reconnectDelaySeconds });
    const client = connect(target.maxConnections ?? DEFAULT_DATABASE_POOL_SIZE, "shouye");
    // Opened only when a job first queries (postgres.js connects lazily).
    const jobsClient = connect(JOB_CONNECTIONS, "shouye-jobs");
    return {
      db: drizzlePostgres(client, { schema, casing: "snake_case" }),
      jobsDb: drizzlePostgres(jobsClient, { schema, casing: "snake_case" }),
      kind: "postgres",
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), jobsClient.end({ timeout: 5 })]);
      },
    };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = await openPGliteThread(target, PGLITE_SETTINGS);
  const db = drizzlePglite(client.asPGlite(), { schema, casing: "snake_case" });
  return { db, jobsDb: db, kind: "pglite", close: () => client.close() };
}

/**
 * The scheduler's connections: one. Its jobs are background work; on one connection they run one
 * statement at a time, as they did when they queued behind the bot's. With two, the live boards'
 * redraws ran beside the check-ins of a 20:00 wave instead of between them, and the wave's p50
 * rose from 0.9 to 1.3-1.8 s (bench/app-memory.ts). A job stuck behind a lock holds up the other
 * jobs until the lock goes, never the bot.
 */
export const JOB_CONNECTIONS = 1;

/**
 * PGlite's WebAssembly memory only grows: every page Postgres touches once stays resident. Its
 * default 128 MB of shared buffers alone made a seeded district's process pass 1 GB; the data of
 * a district fits in far less, and reads beyond it come from the operating system's file cache.
 */
const PGLITE_SETTINGS = ["-c", "shared_buffers=16MB"];

/**
 * Seconds before the pool tries to connect again after a failed attempt. The driver's default
 * triples up to 20 s, so after a restart or failover of a few seconds the bot would stay down
 * long after the database is back; until the next attempt queries fail at once, they do not hang.
 */
const reconnectDelaySeconds = (attempt: number) => Math.min(0.1 * 2 ** attempt, 2);

/**
 * Resolves when the database answers; used by /healthz. PostgreSQL answers a trivial query on a
 * connection of the pool; PGlite has one connection, which a transaction can hold for seconds, so
 * its thread answers for it between statements.
 */
export async function pingDatabase(db: Db): Promise<void> {
  const client = (db as { $client?: unknown }).$client;
  if (client instanceof PGliteThread) return client.ping();
  await db.execute(sql`select 1`);
}

import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { DEFAULT_DATABASE_POOL_SIZE } from "../config/config.js";
import * as schema from "./schema/index.js";

/**
 * One type for both drivers. A transaction handle is also a Db, so verbs take `db` first and
 * callers pass `tx` inside a transaction. (PGlite has one connection: using the outer `db`
 * inside a transaction would wait for the transaction itself, forever.)
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseTarget = { kind: "postgres"; url: string; maxConnections?: number } | { kind: "pglite"; dataDir?: string };

export interface Database {
  db: Db;
  kind: DatabaseTarget["kind"];
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const client = postgres(target.url, {
      max: target.maxConnections ?? DEFAULT_DATABASE_POOL_SIZE,
      onnotice: () => {},
      connection: { application_name: "shouye" },
      backoff: reconnectDelaySeconds,
    });
    const db = drizzlePostgres(client, { schema, casing: "snake_case" });
    return { db, kind: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (target.dataDir) mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create(target.dataDir ? { dataDir: target.dataDir } : {});
  const db = drizzlePglite(client, { schema, casing: "snake_case" });
  return { db, kind: "pglite", close: () => client.close() };
}

/**
 * Seconds before the pool tries to connect again after a failed attempt. The driver's default
 * triples up to 20 s, so after a restart or failover of a few seconds the bot would stay down
 * long after the database is back; until the next attempt queries fail at once, they do not hang.
 */
const reconnectDelaySeconds = (attempt: number) => Math.min(0.1 * 2 ** attempt, 2);

/** Resolves when the database answers a trivial query; used by /healthz. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}

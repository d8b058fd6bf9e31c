import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGliteThread } from "../../src/storage/pglite-thread.js";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/storage/db.js";
import { migrateDatabase } from "../../src/storage/migrate.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: a migrated data directory, dumped once, loaded by each test file. */
    pgliteSeed: string;
    /** PostgreSQL: a migrated template database each test file copies. */
    pgTemplate: string;
  }
}

/**
 * Migrates once per run, so each test file starts from a fresh, migrated database in about a
 * second instead of running every migration again.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `shouye_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    await migrateDatabase({ kind: "postgres", url: withDatabase(url, template) });
    project.provide("pgTemplate", template);
    project.provide("pgliteSeed", "");
    return async () => {
      const leftovers = await admin<{ datname: string }[]>`select datname from pg_database where datname like ${`shouye_t_${process.pid}_%`}`;
      for (const { datname } of leftovers) await admin.unsafe(`drop database if exists ${datname} with (force)`);
      await admin.unsafe(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "shouye-seed-"));
  const database = await openDatabase({ kind: "pglite" });
  await migrateDatabase({ kind: "pglite" }, database);
  const client = (database.db as unknown as { $client: PGliteThread }).$client;
  const dump = await client.dumpDataDir();
  const seed = join(dir, "seed.tar");
  writeFileSync(seed, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("pgliteSeed", seed);
  project.provide("pgTemplate", "");
  return () => rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * The store a bot process is measured on: a scratch database on DATABASE_URL's server, or a
 * scratch PGlite DATA_DIR, seeded with the district (bench/district.ts), its history
 * (bench/history.ts) and tonight's shifts, the patrol moved so that the real clock meets it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { addDays, localNight, shiftWindow } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { openConfiguredDatabase } from "../src/storage/open-configured.js";
import { NANHU, seedDistrict } from "./district.js";
import { seedHistory } from "./history.js";
import { scratchPostgres } from "./scratch-database.js";
import { seedTonight } from "./tonight.js";

export const TZ = "Asia/Shanghai";

export interface ScratchStore {
  /** The app's settings for it. */
  env: { DATABASE_URL?: string; DATA_DIR: string };
  kind: "postgres" | "pglite";
  /**
   * PostgreSQL: transactions committed in the database so far, by the server's statistics (which
   * it publishes within a second); every statement outside a transaction block is one. PGlite: null.
   */
  commits(): Promise<number | null>;
  drop(): Promise<void>;
}

/** A new, empty store (the app migrates it when it first opens it). */
export async function scratchStore(): Promise<ScratchStore> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const dataDir = mkdtempSync(join(tmpdir(), "shouye-bench-"));
    return { env: { DATA_DIR: dataDir }, kind: "pglite", commits: async () => null, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const { name, url: scratchUrl, admin, drop } = await scratchPostgres(url);
  return {
    env: { DATABASE_URL: scratchUrl, DATA_DIR: "./data" },
    kind: "postgres",
    drop,
    async commits() {
      await admin`select pg_stat_clear_snapshot()`;
      const [row] = await admin<Array<{ n: string }>>`select xact_commit::text as n from pg_stat_database where datname = ${name}`;
      return Number(row!.n);
    },
  };
}

/** Runs `work` on the store, opened and closed again (PGlite's DATA_DIR admits one process at a time). */
export async function withStore<T>(store: ScratchStore, work: (db: Db) => Promise<T>): Promise<T> {
  const database = await openConfiguredDatabase(store.env);
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

const clock = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);

/**
 * The district with `historyNights` of history, its patrol moved to start at the first whole
 * minute `leadMs` from now and last four hours, and tonight's shift of every team with the first
 * `volunteers` members on it, all having said they come.
 */
export async function seedMovedPatrol(store: ScratchStore, options: { leadMs: number; volunteers: number; historyNights: number }): Promise<{ startsAt: Date; night: string; seedSeconds: number }> {
  return withStore(store, async (db) => {
    const began = performance.now();
    const today = localNight(new Date(), TZ);
    await seedDistrict(db, NANHU, new Date());
    await seedHistory(db, today, options.historyNights, TZ);
    const at = new Date(Math.ceil((Date.now() + options.leadMs) / 60_000) * 60_000);
    const night = localNight(at, TZ);
    const start = clock(at);
    const end = clock(new Date(at.getTime() + 4 * 3_600_000));
    const { startsAt, endsAt } = shiftWindow(night, start, end, TZ);
    if (night !== today && night !== addDays(today, 1)) throw new Error("the patrol would start more than a day ahead");
    await db.execute(sql`update duties set start_time = ${start}, end_time = ${end}`);
    await seedTonight(db, { night, startsAt, endsAt, now: new Date(), volunteers: options.volunteers });
    await db.execute(sql`analyze`);
    return { startsAt, night, seedSeconds: (performance.now() - began) / 1000 };
  });
}

/** The time of day in the district, for the report. */
export const districtClock = clock;

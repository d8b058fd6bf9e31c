/**
 * The app's memory and event loop with a district in its store: 15,000 volunteers in 106 teams
 * and a year of history (a shift a night per team, four people on each, their reminders), as
 * bench/scheduler.ts seeds it.
 *
 *   npx tsx bench/memory.ts                                              # PGlite in a scratch DATA_DIR
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/memory.ts
 *   npx tsx bench/memory.ts --quick                                      # 60 nights of history
 *
 * A child process seeds the store and exits, so this process starts from what a restarted bot
 * would find. It then starts the real app as main.ts does (openConfiguredDatabase: the data-folder
 * lock and migrations on PGlite), in webhook mode against the Bot API fake, both on loopback, at
 * 19:55 Shanghai time; the app plans 14 nights at start. The 424 volunteers on tonight's shifts
 * send /checkin, 50 waiting at a time, through the fake. Then nothing happens for `--idle`
 * seconds. It prints RSS after start, at peak and when idle, and the main thread's event-loop
 * delay (perf_hooks) during start-up and during the wave: how long a timer or an incoming
 * request waited for the thread. Figure last: idle RSS.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, eq, isNull, sql } from "drizzle-orm";
import postgres from "postgres";
import { pino } from "pino";
import { startApp } from "../src/app.js";
import { localNight, shiftWindow } from "../src/shifts/night.js";
import { openConfiguredDatabase } from "../src/storage/open-configured.js";
import { assignments, people, shifts } from "../src/storage/schema/index.js";
import type { Db } from "../src/storage/db.js";
import { startFakeTelegram } from "../src/sandbox/telegram/index.js";
import { seedDistrictHistory } from "./district-history.js";
import { benchConfig } from "./app-config.js";
import { percentile, round } from "./measure.js";
import { withDatabase } from "../test/support/global-setup.js";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    idle: { type: "string", default: "30" },
    "seed-into": { type: "string" },
  },
});
const HISTORY_NIGHTS = values.quick ? 60 : 365;
const TZ = "Asia/Shanghai";
const CONCURRENCY = 50;
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** bench/scheduler.ts's district and year of history, with clients that read English. */
async function seed(db: Db, today: string, now: Date): Promise<void> {
  await seedDistrictHistory(db, today, now, HISTORY_NIGHTS);
  await db.execute(sql`update people set client_language = 'en'`);
}

/** The store as configured: DATABASE_URL, or PGlite in DATA_DIR. */
const storeConfig = (store: string) => (store.startsWith("postgres") ? { DATABASE_URL: store, DATA_DIR: "./data" } : { DATA_DIR: store });

async function seedChild(store: string): Promise<void> {
  const database = await openConfiguredDatabase(storeConfig(store));
  try {
    const today = localNight(new Date(), TZ);
    await seed(database.db, today, new Date());
  } finally {
    await database.close();
  }
}

/** Event-loop delay over a stretch of work, in ms. */
async function loopDelay<T>(work: () => Promise<T>): Promise<[T, { p50: number; p99: number; max: number }]> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const result = await work();
  histogram.disable();
  const ms = (ns: number) => round(ns / 1e6);
  return [result, { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) }];
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const scratchName = `shouye_bench_${randomBytes(3).toString("hex")}`;
  const admin = url ? postgres(url, { max: 1, onnotice: () => {} }) : null;
  const dataDir = url ? "" : mkdtempSync(join(tmpdir(), "shouye-memory-"));
  const store = url ? withDatabase(url, scratchName) : dataDir;
  await admin?.unsafe(`create database ${scratchName}`);
  await admin?.end();
  const fake = await startFakeTelegram();
  try {
    const seedStart = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, "--seed-into", store, ...(values.quick ? ["--quick"] : [])], { stdio: "inherit" });
    if (child.status !== 0) throw new Error(`seeding failed (exit ${child.status})`);
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const rssBefore = process.memoryUsage().rss;

    const tonight = localNight(new Date(), TZ);
    const offset = shiftWindow(tonight, "19:55", "20:00", TZ).startsAt.getTime() - Date.now();
    const config = await benchConfig(fake, storeConfig(store));
    let peak = 0;
    const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
    const sampler = setInterval(sample, 100);

    const startupStart = performance.now();
    const [{ database, app }, startupDelay] = await loopDelay(async () => {
      const database = await openConfiguredDatabase(config);
      const app = await startApp(config, database, pino({ level: "silent" }), () => new Date(Date.now() + offset));
      await app.scheduler.run("plan-shifts");
      return { database, app };
    });
    const startupSeconds = (performance.now() - startupStart) / 1000;
    sample();
    const rssStarted = process.memoryUsage().rss;
    try {
      const onShift = await database.db
        .select({ telegramId: people.telegramId })
        .from(assignments)
        .innerJoin(shifts, eq(shifts.id, assignments.shiftId))
        .innerJoin(people, eq(people.id, assignments.personId))
        .where(and(eq(shifts.night, tonight), isNull(assignments.endedAt)));
      const users = onShift.map((p, i) => fake.user({ id: Number(p.telegramId), first_name: `V${i + 1}`, language_code: "en" }));
      const latencies: number[] = [];
      const failures: string[] = [];
      const waveStart = performance.now();
      const [, waveDelay] = await loopDelay(async () => {
        let next = 0;
        const worker = async () => {
          while (next < users.length) {
            const user = users[next++]!;
            const since = user.cursor();
            const start = performance.now();
            try {
              await user.send("/checkin");
              // The check-in reminder may arrive too, when the start-up tick sends it late.
              await user.waitForMessage((m) => /Checked in/.test(m.text ?? ""), { after: since, timeoutMs: 30_000 });
              latencies.push(performance.now() - start);
            } catch (error) {
              failures.push(error instanceof Error ? error.message.split("\n")[0]! : String(error));
            }
            sample();
          }
        };
        await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      });
      const waveSeconds = (performance.now() - waveStart) / 1000;
      const rssAfterWave = process.memoryUsage().rss;
      await sleep(Number(values.idle) * 1000);
      const rssIdle = process.memoryUsage().rss;
      clearInterval(sampler);
      console.log(
        JSON.stringify(
          {
            store: database.kind,
            historyNights: HISTORY_NIGHTS,
            seedSeconds: round(seedSeconds),
            startupSeconds: round(startupSeconds),
            wave: { checkIns: latencies.length, failures: failures.length, failureSamples: failures.slice(0, 3), seconds: round(waveSeconds), perSecond: round(latencies.length / waveSeconds), p50Ms: Math.round(percentile(latencies, 50)), p99Ms: Math.round(percentile(latencies, 99)) },
            eventLoopDelayMs: { startup: startupDelay, wave: waveDelay },
            rssMiB: { beforeStart: mib(rssBefore), started: mib(rssStarted), afterWave: mib(rssAfterWave), peak: mib(peak), idle: mib(rssIdle) },
            heapUsedMiB: mib(process.memoryUsage().heapUsed),
          },
          null,
          2,
        ),
      );
      console.log(`idle RSS ${mib(rssIdle)} MiB, peak ${mib(peak)} MiB (${database.kind})`);
    } finally {
      clearInterval(sampler);
      await app.stop();
      await database.close();
    }
  } finally {
    await fake.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (url) {
      const cleanup = postgres(url, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${scratchName} with (force)`);
      await cleanup.end();
    }
  }
}

const run = values["seed-into"] ? () => seedChild(values["seed-into"]!) : main;
run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

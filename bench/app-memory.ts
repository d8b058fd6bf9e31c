/**
 * The memory of the app alone, as `npm start` runs it, with a district in its store: 15,000
 * volunteers in 106 teams (bench/district.ts), a year of history (bench/history.ts), and tonight's
 * shift of every team with the first `--checkins` volunteers on it.
 *
 *   npm run build && npx tsx bench/app-memory.ts                      # PGlite in a scratch DATA_DIR
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/app-memory.ts
 *   npx tsx bench/app-memory.ts --checkins 850 --rate 100 --history 60            # a lighter night
 *   npx tsx bench/app-memory.ts --node-args=--max-semi-space-size=16             # flags on trial
 *   npx tsx bench/app-memory.ts --trace-gc                            # the child's GC pauses in the wave
 *
 * This process seeds the store (a scratch database, or a scratch DATA_DIR that it closes again),
 * then spawns what `npm start` runs, `node dist/main.js` with the flags package.json gives it, in
 * webhook mode against the Bot API fake here, both on loopback, and samples the child's VmRSS and
 * VmHWM (/proc/<pid>/status) every 100 ms. The child runs on the real clock, so the district's
 * patrol is moved to start `--lead` seconds after the seed: the app plans 14 nights at start and
 * idles; a minute before the start it queues tomorrow's "are you coming?" wave (24 h ahead); each
 * team's leader opens tonight's live board; and from 12 s before the start `/checkin` arrives at
 * `--rate` a second, `--concurrency` posted at once (Telegram's max_connections), as
 * bench/checkin-throughput.ts's paced run. Then it idles `--after` seconds and is stopped.
 * Figure last: idle RSS and the peak under load.
 */
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { startFakeTelegram, type FakeUser } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { benchEnv } from "./app-config.js";
import { besideInApp, metricsOf } from "./app-metrics.js";
import { commandOf, cpuSeconds, memoryStatus, spawnBot, type MemoryStatus } from "./bot-process.js";
import { NANHU } from "./district.js";
import { round } from "./measure.js";
import { districtClock, scratchStore, seedMovedPatrol } from "./patrol-store.js";
import { drive, post, commandUpdate } from "./webhook-load.js";

const { values } = parseArgs({
  options: {
    checkins: { type: "string", default: "6000" },
    rate: { type: "string", default: "500" },
    concurrency: { type: "string", default: "40" },
    history: { type: "string", default: "365" },
    /** Seconds from the end of the seed to the patrol's start: the app's start-up and idle time. */
    lead: { type: "string", default: "150" },
    after: { type: "string", default: "30" },
    "node-args": { type: "string", default: "" },
    /** Runs the child with --trace-gc and sums its pauses during the wave. */
    "trace-gc": { type: "boolean", default: false },
  },
});
const CHECKINS = Number(values.checkins);
const HISTORY_NIGHTS = Number(values.history);
/** Samples the child every 100 ms; `peakSince` marks the start of a phase. */
function sampler(pid: number) {
  let phasePeak = 0;
  let last: MemoryStatus | null = null;
  const timer = setInterval(() => {
    last = memoryStatus(pid) ?? last;
    if (last) phasePeak = Math.max(phasePeak, last.rss);
  }, 100);
  return {
    now: () => memoryStatus(pid) ?? last,
    /** The highest VmRSS since the last call. */
    takePeak() {
      const peak = phasePeak;
      phasePeak = 0;
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** The child's heap by its own /metrics (prom-client's Node metrics), in MiB, and its longest event-loop hold since the read before. */
async function heapOf(port: string): Promise<{ heap: Record<string, number>; loopLagMaxMs: number } | null> {
  try {
    const text = await metricsOf(port);
    const value = (metric: string) => Number(new RegExp(`^${metric.replace(/[{}"]/g, "\\$&")} (\\S+)`, "m").exec(text)?.[1] ?? NaN);
    const mib = (metric: string) => Math.round(value(metric) / 1048576);
    return {
      heap: {
        heapTotal: mib("nodejs_heap_size_total_bytes"),
        heapUsed: mib("nodejs_heap_size_used_bytes"),
        newSpace: mib('nodejs_heap_space_size_total_bytes{space="new"}'),
        oldSpace: mib('nodejs_heap_space_size_total_bytes{space="old"}'),
        external: mib("nodejs_external_memory_bytes"),
      },
      // Since the read before: each read of /metrics starts prom-client's lag window again.
      loopLagMaxMs: round(value("nodejs_eventloop_lag_max_seconds") * 1000),
    };
  } catch {
    return null;
  }
}

/**
 * Reads the child's heap every second while `during` runs, and keeps the reading taken when its
 * RSS was highest: what the peak is made of. Also the longest hold of its event loop meanwhile.
 */
async function heapAtPeak<T>(port: string, pid: number, during: Promise<T>): Promise<{ result: T; atPeak: Record<string, number> | null; loopLagMaxMs: number }> {
  let best: Record<string, number> | null = null;
  let bestRss = 0;
  let loopLagMaxMs = 0;
  let done = false;
  const reading = (async () => {
    while (!done) {
      const read = await heapOf(port);
      const rss = memoryStatus(pid)?.rss ?? 0;
      if (read) loopLagMaxMs = Math.max(loopLagMaxMs, read.loopLagMaxMs);
      if (read && rss > bestRss) [best, bestRss] = [{ rss, ...read.heap }, rss];
      await sleep(1000);
    }
  })();
  const result = await during.finally(() => (done = true));
  await reading;
  return { result, atPeak: best, loopLagMaxMs };
}

const untilTime = (at: number) => sleep(Math.max(0, at - Date.now()));
const load = () => loadavg().map((n) => round(n, 2));

async function main(): Promise<void> {
  if (!existsSync("dist/main.js")) throw new Error("no dist/main.js: run npm run build first");
  const store = await scratchStore();
  const fake = await startFakeTelegram();
  try {
    const { startsAt, night, seedSeconds } = await seedMovedPatrol(store, { leadMs: Number(values.lead) * 1000, volunteers: CHECKINS, historyNights: HISTORY_NIGHTS });
    // Everyone (volunteers, supervisors, coordinators) has a chat with the bot, so what it sends is delivered.
    const users: FakeUser[] = Array.from({ length: NANHU.members + NANHU.towns + 3 }, (_, i) =>
      fake.user({ id: NANHU.telegramBase + i + 1, first_name: `Person ${i + 1}`, language_code: (i + 1) % 5 === 0 ? "en" : "zh" }),
    );
    // The log at its default level, read for "shifts planned".
    const env = benchEnv(fake, await freePort(), { ...store.env, DEFAULT_LOCALE: "zh", LOG_LEVEL: "info" });
    const webhook = env.WEBHOOK_URL!;
    const nodeArgs = [...values["node-args"].split(/\s+/).filter(Boolean), ...(values["trace-gc"] ? ["--trace-gc"] : [])];
    const spawnedAt = performance.now();
    const app = spawnBot("app", env, nodeArgs);
    const { pid, log } = app;
    const memory = sampler(pid);
    try {
      const planned = await app.logged("shifts planned");
      const startupSeconds = (performance.now() - spawnedAt) / 1000;
      const started = memory.now()!;
      // Idle until the due-reminders job starts queueing the ask wave, a minute before it is due.
      const idleUntil = startsAt.getTime() - 65_000;
      if (Date.now() > idleUntil - 10_000) throw new Error(`the app was ready only ${round((idleUntil - Date.now()) / 1000)} s before the wave: raise --lead`);
      await untilTime(idleUntil);
      const idle = memory.now()!;
      const startupPeak = memory.takePeak();

      // Each team's leader has tonight's live board open, as at 20:00 (leaders are persons 1-106).
      await untilTime(startsAt.getTime() - 30_000);
      const leaders = users.slice(0, 106);
      for (const leader of leaders) await post(webhook, commandUpdate(leader, `/roster ${night}`));
      await untilTime(startsAt.getTime() - 12_000);
      const loadAtWave = load();
      const gcBefore = log.gcCount();
      const cpuBefore = cpuSeconds(pid);
      const [{ result: wave, atPeak, loopLagMaxMs }, beside] = await besideInApp(env.PORT!, () =>
        heapAtPeak(env.PORT!, pid, drive(webhook, users.slice(0, CHECKINS), { concurrency: Number(values.concurrency), rate: Number(values.rate) })),
      );
      const duringWave = memory.takePeak();
      // besideInApp's own reading covers only the second since heapAtPeak's last.
      const inApp = { ...beside, loopLagMaxMs: Math.max(beside.loopLagMaxMs, loopLagMaxMs) };
      const appCpuMsPerUpdate = round(((cpuSeconds(pid) - cpuBefore) * 1000) / CHECKINS, 2);
      const gcInWave = log.gcSince(gcBefore);
      await sleep(Number(values.after) * 1000);
      const after = memory.now()!;
      const afterPeak = memory.takePeak();
      const end = memory.now()!;
      const calls = (method: string) => fake.calls.filter((c) => c.method === method).length;

      console.log(
        JSON.stringify(
          {
            store: store.kind,
            command: commandOf("app", nodeArgs),
            historyNights: HISTORY_NIGHTS,
            seedSeconds: round(seedSeconds),
            patrolStarts: districtClock(startsAt),
            startupSeconds: round(startupSeconds),
            planned: { shifts: planned.shiftsCreated, assignments: planned.assignmentsCreated },
            wave: { checkins: CHECKINS, rate: Number(values.rate), ...wave, appCpuMsPerUpdate, inApp, loadAverage: loadAtWave, ...(values["trace-gc"] ? { gc: gcInWave } : {}) },
            telegram: { sendMessage: calls("sendMessage"), editMessageText: calls("editMessageText") },
            rssMiB: {
              started: started.rss,
              idle: idle.rss,
              idleAnonFile: `${idle.anon} + ${idle.file}`,
              startupPeak,
              waveMax: duringWave,
              heapAtWavePeak: atPeak,
              afterWave: after.rss,
              afterPeak,
              hwm: end.hwm,
            },
            loadAverage: load(),
            problems: { count: log.problems.length, first: log.problems.slice(0, 3) },
          },
          null,
          2,
        ),
      );
      console.log(`${store.kind === "postgres" ? "PostgreSQL" : "PGlite"}: idle RSS ${idle.rss} MiB, under the wave up to ${duringWave} MiB, high-water mark ${end.hwm} MiB`);
    } finally {
      memory.stop();
      await app.stop();
    }
  } finally {
    await fake.close();
    await store.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

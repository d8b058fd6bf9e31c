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
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { addDays, localNight, shiftWindow } from "../src/shifts/night.js";
import { openConfiguredDatabase } from "../src/storage/open-configured.js";
import { startFakeTelegram, type FakeUser } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { benchEnv } from "./app-config.js";
import { NANHU, seedDistrict } from "./district.js";
import { seedHistory } from "./history.js";
import { round } from "./measure.js";
import { seedTonight } from "./tonight.js";
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
const TZ = "Asia/Shanghai";
const MAIN = "dist/main.js";

/** The Node flags `npm start` passes, so the bench measures what it runs. */
function startFlags(): string[] {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } }).scripts.start;
  const m = /^node\s+(.*?)\s*dist\/main\.js$/.exec(start.trim());
  if (!m) throw new Error(`npm start is not "node [flags] ${MAIN}": ${start}`);
  return m[1] ? m[1].split(/\s+/) : [];
}

interface Status {
  rss: number;
  hwm: number;
  anon: number;
  file: number;
}

/** The child's memory from /proc, in MiB. */
function status(pid: number): Status | null {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    const mib = (field: string) => Math.round(kib(field) / 1024);
    return { rss: mib("VmRSS"), hwm: mib("VmHWM"), anon: mib("RssAnon"), file: mib("RssFile") };
  } catch {
    return null;
  }
}

/** CPU seconds a process has used (user + system), from /proc/<pid>/stat; the clock ticks 100 a second on Linux. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Samples the child every 100 ms; `peakSince` marks the start of a phase. */
function sampler(pid: number) {
  let phasePeak = 0;
  let last: Status | null = null;
  const timer = setInterval(() => {
    last = status(pid) ?? last;
    if (last) phasePeak = Math.max(phasePeak, last.rss);
  }, 100);
  return {
    now: () => status(pid) ?? last,
    /** The highest VmRSS since the last call. */
    takePeak() {
      const peak = phasePeak;
      phasePeak = 0;
      return peak;
    },
    stop: () => clearInterval(timer),
  };
}

/** The child's heap by its own /metrics (prom-client's Node metrics), in MiB. */
async function heapOf(port: string): Promise<Record<string, number> | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const mib = (metric: string) => Math.round(Number(new RegExp(`^${metric.replace(/[{}"]/g, "\\$&")} (\\S+)`, "m").exec(text)?.[1] ?? NaN) / 1048576);
    return {
      heapTotal: mib("nodejs_heap_size_total_bytes"),
      heapUsed: mib("nodejs_heap_size_used_bytes"),
      newSpace: mib('nodejs_heap_space_size_total_bytes{space="new"}'),
      oldSpace: mib('nodejs_heap_space_size_total_bytes{space="old"}'),
      external: mib("nodejs_external_memory_bytes"),
    };
  } catch {
    return null;
  }
}

/**
 * Reads the child's heap every second while `during` runs, and keeps the reading taken when its
 * RSS was highest: what the peak is made of.
 */
async function heapAtPeak<T>(port: string, pid: number, during: Promise<T>): Promise<{ result: T; atPeak: Record<string, number> | null }> {
  let best: Record<string, number> | null = null;
  let bestRss = 0;
  let done = false;
  const reading = (async () => {
    while (!done) {
      const heap = await heapOf(port);
      const rss = status(pid)?.rss ?? 0;
      if (heap && rss > bestRss) [best, bestRss] = [{ rss, ...heap }, rss];
      await sleep(1000);
    }
  })();
  const result = await during.finally(() => (done = true));
  await reading;
  return { result, atPeak: best };
}

const clock = (d: Date) => new Intl.DateTimeFormat("en-GB", { timeZone: TZ, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);

/**
 * The district's patrol, moved to start at the first whole minute `leadMs` from now and last four
 * hours, with tonight's shifts on it: the app's real clock then meets "20:00" as it would.
 */
async function seedStore(store: { DATABASE_URL?: string; DATA_DIR: string }, leadMs: number): Promise<{ startsAt: Date; seedSeconds: number }> {
  const database = await openConfiguredDatabase(store);
  try {
    const began = performance.now();
    const today = localNight(new Date(), TZ);
    await seedDistrict(database.db, NANHU, new Date());
    await seedHistory(database.db, today, HISTORY_NIGHTS, TZ);
    const at = new Date(Math.ceil((Date.now() + leadMs) / 60_000) * 60_000);
    const night = localNight(at, TZ);
    const start = clock(at);
    const end = clock(new Date(at.getTime() + 4 * 3_600_000));
    const { startsAt, endsAt } = shiftWindow(night, start, end, TZ);
    if (night !== today && night !== addDays(today, 1)) throw new Error("the patrol would start more than a day ahead");
    await database.db.execute(sql`update duties set start_time = ${start}, end_time = ${end}`);
    await seedTonight(database.db, { night, startsAt, endsAt, now: new Date(), volunteers: CHECKINS });
    await database.db.execute(sql`analyze`);
    return { startsAt, seedSeconds: (performance.now() - began) / 1000 };
  } finally {
    await database.close();
  }
}

/** Resolves when the child logs a line with `msg`, with that line. */
function watchLog(child: ChildProcess) {
  const waiting: Array<{ msg: string; resolve: (line: Record<string, unknown>) => void }> = [];
  const problems: string[] = [];
  const gc: Array<{ kind: string; ms: number }> = [];
  createInterface({ input: child.stdout! }).on("line", (text) => {
    // --trace-gc: "[pid:0x…]   1234 ms: Scavenge 50.1 (60.2) -> 45.3 (62.2) MB, 3.41 / 0.00 ms  (…"
    const pause = /\d+ ms: ([A-Za-z-]+)(?: \(reduce\))? [\d.]+ \([\d.]+\) -> [\d.]+ \([\d.]+\) MB, (?:pooled: [\d.]+ MB, )?([\d.]+) \//.exec(text);
    if (pause) {
      gc.push({ kind: pause[1]!, ms: Number(pause[2]) });
      return;
    }
    let line: Record<string, unknown>;
    try {
      line = JSON.parse(text) as Record<string, unknown>;
    } catch {
      problems.push(text);
      return;
    }
    if (Number(line.level) >= 40) problems.push(`${String(line.msg)} ${JSON.stringify(line.result ?? line.err ?? "")}`);
    for (const w of waiting.filter((w) => w.msg === line.msg)) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve(line);
    }
  });
  createInterface({ input: child.stderr! }).on("line", (text) => problems.push(text));
  return {
    problems,
    /** GC pauses logged so far; `gcSince(n)` summarises those after the first n. */
    gcCount: () => gc.length,
    gcSince(n: number) {
      const pauses = gc.slice(n);
      const of = (kind: string) => pauses.filter((p) => p.kind === kind).map((p) => p.ms);
      const sum = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0));
      return Object.fromEntries([...new Set(pauses.map((p) => p.kind))].map((kind) => [kind, { count: of(kind).length, totalMs: sum(of(kind)), maxMs: Math.max(...of(kind)) }]));
    },
    next: (msg: string) => new Promise<Record<string, unknown>>((resolve) => waiting.push({ msg, resolve })),
  };
}

const untilTime = (at: number) => sleep(Math.max(0, at - Date.now()));
const load = () => loadavg().map((n) => round(n, 2));

async function main(): Promise<void> {
  if (!existsSync(MAIN)) throw new Error(`no ${MAIN}: run npm run build first`);
  const url = process.env.DATABASE_URL;
  const scratchName = `shouye_bench_${randomBytes(3).toString("hex")}`;
  const dataDir = url ? "" : mkdtempSync(join(tmpdir(), "shouye-app-memory-"));
  const store = url ? { DATABASE_URL: Object.assign(new URL(url), { pathname: `/${scratchName}` }).toString(), DATA_DIR: "./data" } : { DATA_DIR: dataDir };
  const admin = url ? postgres(url, { max: 1, onnotice: () => {} }) : null;
  await admin?.unsafe(`create database ${scratchName}`);
  const fake = await startFakeTelegram();
  let child: ChildProcess | null = null;
  try {
    const { startsAt, seedSeconds } = await seedStore(store, Number(values.lead) * 1000);
    // Everyone (volunteers, supervisors, coordinators) has a chat with the bot, so what it sends is delivered.
    const users: FakeUser[] = Array.from({ length: NANHU.members + NANHU.towns + 3 }, (_, i) =>
      fake.user({ id: NANHU.telegramBase + i + 1, first_name: `Person ${i + 1}`, language_code: (i + 1) % 5 === 0 ? "en" : "zh" }),
    );
    // The log at its default level, read for "shifts planned".
    const env = benchEnv(fake, await freePort(), { ...store, DEFAULT_LOCALE: "zh", LOG_LEVEL: "info" });
    const webhook = env.WEBHOOK_URL!;
    const flags = [...startFlags(), ...values["node-args"].split(/\s+/).filter(Boolean), ...(values["trace-gc"] ? ["--trace-gc"] : [])];
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const spawnedAt = performance.now();
    child = spawn(process.execPath, [...flags, MAIN], {
      env: { ...inherited, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child!.once("exit", resolve));
    const log = watchLog(child);
    const memory = sampler(child.pid!);
    try {
      const planned = await Promise.race([log.next("shifts planned"), exited.then((code) => Promise.reject(new Error(`the app exited (${code}): ${log.problems.join(" | ")}`)))]);
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
      for (const leader of leaders) await post(webhook, commandUpdate(leader, `/roster ${localNight(startsAt, TZ)}`));
      await untilTime(startsAt.getTime() - 12_000);
      const loadAtWave = load();
      const gcBefore = log.gcCount();
      const cpuBefore = cpuSeconds(child.pid!);
      const { result: wave, atPeak } = await heapAtPeak(env.PORT!, child.pid!, drive(webhook, users.slice(0, CHECKINS), { concurrency: Number(values.concurrency), rate: Number(values.rate) }));
      const duringWave = memory.takePeak();
      const appCpuMsPerUpdate = round(((cpuSeconds(child.pid!) - cpuBefore) * 1000) / CHECKINS, 2);
      const gcInWave = log.gcSince(gcBefore);
      await sleep(Number(values.after) * 1000);
      const after = memory.now()!;
      const afterPeak = memory.takePeak();
      const end = memory.now()!;
      const calls = (method: string) => fake.calls.filter((c) => c.method === method).length;

      console.log(
        JSON.stringify(
          {
            store: url ? "postgres" : "pglite",
            command: ["node", ...flags, MAIN].join(" "),
            historyNights: HISTORY_NIGHTS,
            seedSeconds: round(seedSeconds),
            patrolStarts: clock(startsAt),
            startupSeconds: round(startupSeconds),
            planned: { shifts: planned.shiftsCreated, assignments: planned.assignmentsCreated },
            wave: { checkins: CHECKINS, rate: Number(values.rate), ...wave, appCpuMsPerUpdate, loadAverage: loadAtWave, ...(values["trace-gc"] ? { gc: gcInWave } : {}) },
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
      console.log(`${url ? "PostgreSQL" : "PGlite"}: idle RSS ${idle.rss} MiB, under the wave up to ${duringWave} MiB, high-water mark ${end.hwm} MiB`);
    } finally {
      memory.stop();
      child.kill("SIGTERM");
      await exited;
    }
  } finally {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await fake.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    await admin?.unsafe(`drop database if exists ${scratchName} with (force)`);
    await admin?.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

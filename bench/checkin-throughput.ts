/**
 * Check-ins per second through the whole bot, against a bare grammY bot on the same Bot API fake
 * in the same run. Each bot runs in its own process, as in production: the app as `npm start`
 * runs it (`node dist/main.js`, webhook mode) and the anchor from bench/bare-bot.mjs. This process
 * keeps the Bot API fake and the load: the district (15,000 volunteers, a year of history),
 * tonight's shifts with `--checkins` volunteers on them, and every volunteer posting /checkin to
 * the webhook, `--concurrency` at a time as Telegram's max_connections allows (40 by default).
 *
 *   npm run build && npx tsx bench/checkin-throughput.ts             # PGlite, a scratch DATA_DIR
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-throughput.ts
 *   npx tsx bench/checkin-throughput.ts --checkins 2000 --rounds 1 --history 30   # quicker
 *   npx tsx bench/checkin-throughput.ts --rounds 0 --boards "--node-args=--cpu-prof --cpu-prof-dir=prof"
 *
 * The patrol is moved to start `--lead` minutes after the seed, so check-in is open on the real
 * clock and nothing else falls due meanwhile. Each round runs the bare bot, then the app, over the
 * same users, each bot started afresh, warmed by `--warmup` other volunteers' check-ins, and
 * stopped after (the check-ins are then undone); the figure is the median of the rounds. A last
 * run paces the updates at `--rate` per second (open loop, as a wave arrives whether or not the
 * bot keeps up, `--concurrency` posted at once) and reports latency from arrival, with the app's
 * GC pauses (--trace-gc). CPU per check-in is reported for the bot's process, this process (the
 * fake and the load) and PostgreSQL's processes, all on the same cores.
 * `--boards`: each team's leader opens tonight's live board first, so board redraws run beside.
 * `--bare-round-trips 2` (PostgreSQL): the bare bot also reads the person and writes a row per
 * check-in on the same store, so the ratio shows what the database alone costs any bot.
 * Prints JSON, the ratio last.
 */
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, count, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../src/storage/db.js";
import { assignments } from "../src/storage/schema/index.js";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { NANHU } from "./district.js";
import { BENCH_SECRET, benchEnv } from "./app-config.js";
import { besideInApp, untilSettled } from "./app-metrics.js";
import { commandOf, cpuSeconds, postgresCpuSeconds, spawnBot, syscalls, type BotProcess } from "./bot-process.js";
import { pauses, percentile, round, rss, runBench } from "./measure.js";
import { districtClock, scratchStore, seedMovedPatrol, withStore, type ScratchStore } from "./patrol-store.js";
import { commandUpdate, drive, post, type Load } from "./webhook-load.js";

const { values } = parseArgs({
  options: {
    checkins: { type: "string", default: "6000" },
    concurrency: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    rate: { type: "string", default: "500" },
    history: { type: "string", default: "365" },
    warmup: { type: "string", default: "300" },
    /** Minutes from the seed to the patrol's start: check-in opens 30 minutes before it. */
    lead: { type: "string", default: "20" },
    /** Flags for the app's process on trial (`--cpu-prof --cpu-prof-dir=prof`, `--max-semi-space-size=32`). */
    "node-args": { type: "string", default: "" },
    /** Each team's leader opens tonight's live board first, so check-ins are followed by board edits. */
    boards: { type: "boolean", default: false },
    "bare-round-trips": { type: "string", default: "0" },
  },
});
const CHECKINS = Number(values.checkins);
const WARMUP = Number(values.warmup);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const RATE = Number(values.rate);
const BARE_ROUND_TRIPS = Number(values["bare-round-trips"]);
const APP_ARGS = ["--trace-gc", ...values["node-args"].split(/\s+/).filter(Boolean)];

const median = (xs: number[]) => percentile(xs, 50);

async function undoCheckIns(db: Db, night: string): Promise<void> {
  await db.update(assignments).set({ checkedInAt: null, reply: "coming" }).where(eq(assignments.night, night));
}

async function checkedIn(db: Db, night: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(assignments).where(and(eq(assignments.night, night), isNotNull(assignments.checkedInAt)));
  return row!.n;
}

interface Phase {
  load: Load;
  /** CPU per check-in, in ms: the bot's process, this process (the fake and the load), PostgreSQL. */
  cpuMs: { bot: number; bench: number; postgres: number };
  syscallsPerCheckIn: { reads: number; writes: number };
  gc?: Record<string, unknown>;
  commitsPerCheckIn?: number;
}

/** The server publishes its statistics within a second of the work. */
const STATS_DELAY_MS = 1100;

/** Drives `users` at a running bot, with the CPU each party spent meanwhile and the transactions committed. */
async function measured(bot: BotProcess, url: string, users: FakeUser[], store: ScratchStore, rate?: number): Promise<Phase> {
  const commitsBefore = await store.commits();
  const before = { bot: cpuSeconds(bot.pid), postgres: postgresCpuSeconds(), gc: bot.log.gcCount(), calls: syscalls(bot.pid) };
  const load = await drive(url, users, { concurrency: CONCURRENCY, ...(rate ? { rate } : {}) });
  const per = (seconds: number) => round((seconds * 1000) / users.length, 2);
  const cpuMs = { bot: per(cpuSeconds(bot.pid) - before.bot), bench: load.cpuMsPerUpdate, postgres: per(postgresCpuSeconds() - before.postgres) };
  const calls = syscalls(bot.pid);
  // The bot's socket reads and writes (each write to a socket wakes whoever reads it).
  const syscallsPerCheckIn = { reads: round((calls.reads - before.calls.reads) / users.length, 2), writes: round((calls.writes - before.calls.writes) / users.length, 2) };
  const gc = bot.log.gcSince(before.gc);
  if (commitsBefore === null) return { load, cpuMs, syscallsPerCheckIn, gc };
  await sleep(STATS_DELAY_MS);
  // Everything the app committed meanwhile (check-ins, the outbox's claims and records, jobs) per check-in.
  return { load, cpuMs, syscallsPerCheckIn, gc, commitsPerCheckIn: round(((await store.commits())! - commitsBefore) / users.length, 2) };
}

interface Run {
  fake: FakeTelegram;
  store: ScratchStore;
  night: string;
  users: FakeUser[];
  warmers: FakeUser[];
}

/** The bare anchor, started afresh and warmed, over every user. */
async function bareRound(run: Run): Promise<Phase> {
  const port = String(await freePort());
  const store = BARE_ROUND_TRIPS > 0 ? { BARE_ROUND_TRIPS: String(BARE_ROUND_TRIPS), DATABASE_URL: run.store.env.DATABASE_URL } : {};
  const bot = spawnBot("bare", { TELEGRAM_BOT_TOKEN: run.fake.token, TELEGRAM_API_ROOT: run.fake.apiRoot, PORT: port, WEBHOOK_SECRET: BENCH_SECRET, ...store });
  try {
    await bot.logged("listening");
    const url = `http://127.0.0.1:${port}/`;
    await drive(url, run.warmers, { concurrency: CONCURRENCY });
    // The anchor keeps no store: nothing to count but CPU.
    const { gc: _gc, ...phase } = await measured(bot, url, run.users, { ...run.store, commits: async () => null });
    return phase;
  } finally {
    await bot.stop();
  }
}

/** The app, started afresh, settled and warmed; `work` gets its webhook and port; stopped after. */
async function withApp<T>(run: Run, work: (bot: BotProcess, webhook: string, port: string) => Promise<T>): Promise<T> {
  const env = benchEnv(run.fake, await freePort(), { ...run.store.env, DEFAULT_LOCALE: "zh", LOG_LEVEL: "info" });
  const bot = spawnBot("app", env, APP_ARGS);
  try {
    await bot.logged("shifts planned");
    await untilSettled(env.PORT!);
    await drive(env.WEBHOOK_URL!, run.warmers, { concurrency: CONCURRENCY });
    return await work(bot, env.WEBHOOK_URL!, env.PORT!);
  } finally {
    await bot.stop();
    if (bot.log.problems.length) console.error(`the app logged: ${bot.log.problems.slice(0, 3).join(" | ")}`);
  }
}

/** A board is current when everyone on it shows as checked in (in either language). */
function boardCurrent(leader: FakeUser): boolean {
  const text = leader.messages().find((m) => m.text?.startsWith("📋"))?.text ?? "";
  const m = /排班 (\d+)\/\d+ 人.*已签到 (\d+)/.exec(text) ?? /On the roster (\d+) of .*checked in (\d+)/.exec(text);
  return !!m && m[1] === m[2];
}

/** Seconds after the paced run until every leader's board is current, or how many were at 60 s. */
async function untilBoardsCurrent(leaders: FakeUser[]): Promise<string> {
  const start = performance.now();
  while (performance.now() - start < 60_000) {
    if (leaders.every(boardCurrent)) return `all ${leaders.length} after ${round((performance.now() - start) / 1000)} s`;
    await sleep(250);
  }
  return `${leaders.filter(boardCurrent).length} of ${leaders.length} after 60 s`;
}

async function main(): Promise<void> {
  // No call log: kept for every request of every round, it only adds to this process's heap. Counters suffice.
  const fake = await startFakeTelegram({ recordCalls: false });
  const store = await scratchStore();
  try {
    if (BARE_ROUND_TRIPS > 0 && store.kind !== "postgres") throw new Error("--bare-round-trips needs DATABASE_URL: the bare bot talks to PostgreSQL");
    const { night, startsAt, seedSeconds } = await seedMovedPatrol(store, { leadMs: Number(values.lead) * 60_000, volunteers: CHECKINS + WARMUP, historyNights: Number(values.history) });
    console.error(`seeded in ${round(seedSeconds)} s; the patrol starts at ${districtClock(startsAt)}`);
    // Everyone (volunteers, supervisors, coordinators) has a chat with the bot, so what it sends
    // is delivered; clients speak the language the district seed gave them (every fifth English).
    const everyone = Array.from({ length: NANHU.members + NANHU.towns + 3 }, (_, i) =>
      fake.user({ id: NANHU.telegramBase + i + 1, first_name: `Person ${i + 1}`, language_code: (i + 1) % 5 === 0 ? "en" : "zh" }),
    );
    const run: Run = { fake, store, night, users: everyone.slice(0, CHECKINS), warmers: everyone.slice(CHECKINS, CHECKINS + WARMUP) };
    const undo = () => withStore(store, (db) => undoCheckIns(db, night));
    // Leaders are each team's first member: persons 1-106, all on tonight's shifts.
    const leaders = run.users.slice(0, NANHU.teams);
    if (values.boards) {
      // The boards are the app's rows: every app process started after keeps them current.
      await withApp(run, async (_bot, webhook) => {
        for (const leader of leaders) await post(webhook, commandUpdate(leader, `/roster ${night}`));
        await Promise.all(leaders.map((leader) => leader.waitForMessage((m) => m.text?.startsWith("📋") ?? false, { timeoutMs: 60_000 })));
      });
    }

    const rounds: Array<{ bare: Phase; app: Phase; checkedIn: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      const bare = await bareRound(run);
      const app = await withApp(run, (bot, webhook) => measured(bot, webhook, run.users, run.store));
      rounds.push({ bare, app, checkedIn: await withStore(store, (db) => checkedIn(db, night)) });
      await undo();
      console.error(`round ${r + 1}: bare ${bare.load.perSecond}/s (${bare.cpuMs.bot} ms CPU each), app ${app.load.perSecond}/s (${app.cpuMs.bot} ms CPU each)`);
    }
    const edits = () => fake.stats().byMethod["editMessageText"]?.ok ?? 0;
    const editsBefore = edits();
    const paced = await withApp(run, async (bot, webhook, port) => {
      // The app's jobs and event loop, and this process's own pauses: where a stall came from.
      const [[phase, inApp], bench] = await pauses(() => besideInApp(port, () => measured(bot, webhook, run.users, run.store, RATE)));
      return { ...phase, inApp, bench, boardsCurrentAfter: values.boards ? await untilBoardsCurrent(leaders) : undefined };
    });
    const pacedCheckedIn = await withStore(store, (db) => checkedIn(db, night));
    // One reply per check-in: what the volunteer reads.
    const lastReply = run.users[NANHU.teams]!.messages().at(-1)?.text ?? "";

    const barePerSecond = median(rounds.map((r) => r.bare.load.perSecond));
    const appPerSecond = median(rounds.map((r) => r.app.load.perSecond));
    rss.sample();
    console.log(
      JSON.stringify(
        {
          store: store.kind,
          app: commandOf("app", APP_ARGS),
          volunteers: NANHU.members,
          historyNights: Number(values.history),
          checkinsPerRound: CHECKINS,
          concurrency: CONCURRENCY,
          rounds,
          boards: values.boards,
          bareRoundTrips: BARE_ROUND_TRIPS,
          paced: { rate: RATE, ...paced, checkedIn: pacedCheckedIn, boardEdits: edits() - editsBefore },
          lastReply,
          loadAverage: loadavg().map((n) => round(n, 2)),
          benchPeakRssMiB: rss.peakMiB(),
          barePerSecond,
          appPerSecond,
          ratio: round(appPerSecond / barePerSecond, 2),
        },
        null,
        2,
      ),
    );
  } finally {
    await fake.close();
    await store.drop();
  }
}

runBench(main);

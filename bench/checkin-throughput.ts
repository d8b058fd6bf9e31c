/**
 * Check-ins per second through the whole bot, against a bare grammY bot on the same Bot API fake
 * in the same run: the district (15,000 volunteers, a year of history), tonight's shifts with
 * `--checkins` volunteers on them, the app in webhook mode, and every volunteer posting /checkin
 * to the webhook, `--concurrency` at a time as Telegram's max_connections allows (40 by default).
 *
 *   npx tsx bench/checkin-throughput.ts                     # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-throughput.ts
 *   npx tsx bench/checkin-throughput.ts --checkins 2000 --rounds 1 --history 30   # quicker
 *
 * Each round runs the bare bot, then the app, over the same users (their check-ins are undone in
 * between); the figure is the median of the rounds. A last run paces the updates at `--rate` per
 * second (open loop, as a wave arrives whether or not the bot keeps up, `--concurrency` posted at
 * once) and reports latency from arrival.
 * Prints JSON, the ratio last.
 */
import { createServer, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, count, eq, isNotNull, sql } from "drizzle-orm";
import { Bot, webhookCallback } from "grammy";
import { pino } from "pino";
import { startApp } from "../src/app.js";
import { localNight, shiftWindow } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { assignments } from "../src/storage/schema/index.js";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../test/fake-telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { NANHU, seedDistrict } from "./district.js";
import { seedHistory } from "./history.js";
import { BENCH_SECRET, benchConfig } from "./app-config.js";
import { percentile, profiled, round, rss, runBench } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const { values } = parseArgs({
  options: {
    checkins: { type: "string", default: "6000" },
    concurrency: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    rate: { type: "string", default: "500" },
    history: { type: "string", default: "365" },
    /** Writes a CPU profile of the app's rounds (open in Chrome DevTools or speedscope). */
    profile: { type: "string" },
  },
});
const CHECKINS = Number(values.checkins);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const RATE = Number(values.rate);
const HISTORY_NIGHTS = Number(values.history);
const TZ = "Asia/Shanghai";

interface Load {
  seconds: number;
  perSecond: number;
  latencyMs: { p50: number; p99: number; max: number };
  failures: number;
  /** The first failure's message, if any. */
  failure?: string;
}

const failureSeen: { first?: string } = {};
const noteFailure = (error: unknown) => (failureSeen.first ??= error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? "")}` : String(error));

let nextUpdateId = 900_000_001;

/** What Telegram would POST for a volunteer typing /checkin. */
function checkinUpdate(user: FakeUser) {
  const message = { message_id: 1, from: user.user, chat: user.chat, date: Math.floor(Date.now() / 1000), text: "/checkin", entities: [{ type: "bot_command", offset: 0, length: 8 }] };
  return JSON.stringify({ update_id: nextUpdateId++, message });
}

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": BENCH_SECRET }, body });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}

function summarise(latencies: number[], failures: number, seconds: number): Load {
  const failure = failureSeen.first;
  delete failureSeen.first;
  return {
    ...(failure ? { failure } : {}),
    seconds: round(seconds, 2),
    perSecond: round(latencies.length / seconds),
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)), max: round(Math.max(...latencies)) },
    failures,
  };
}

/**
 * Every user's /checkin once, at most `concurrency` posted at once as Telegram does. Closed loop
 * (no rate): each worker posts the next as soon as its last was answered, and latency runs from
 * sending. Open loop: updates arrive at `rate` per second whether or not the bot keeps up, the rest
 * wait their turn, and latency runs from arrival, so time spent waiting counts.
 */
async function drive(url: string, users: FakeUser[], rate?: number): Promise<Load> {
  const latencies: number[] = [];
  let failures = 0;
  let next = 0;
  const start = performance.now();
  const worker = async () => {
    while (next < users.length) {
      const i = next++;
      const arrives = rate ? start + (i * 1000) / rate : performance.now();
      const wait = arrives - performance.now();
      if (wait > 1) await sleep(wait);
      try {
        await post(url, checkinUpdate(users[i]!));
        latencies.push(performance.now() - arrives);
      } catch (error) {
        noteFailure(error);
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  rss.sample();
  return summarise(latencies, failures, (performance.now() - start) / 1000);
}

/** The anchor: a bare grammY webhook bot that answers /checkin with one reply and nothing else. */
async function startBareBot(fake: FakeTelegram): Promise<{ url: string; server: Server }> {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot }, botInfo: fake.botInfo });
  bot.command("checkin", (ctx) => ctx.reply("Checked in ✅"));
  const handle = webhookCallback(bot, "http", { secretToken: BENCH_SECRET });
  const server = createServer((req, res) => void handle(req, res));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** Tonight's shift of every team, with the first `n` members (spread round the teams) on it. */
async function seedTonight(db: Db, tonight: string, now: Date, n: number): Promise<void> {
  // They have written to the bot before, under the names their clients send.
  await db.execute(sql`update people set telegram_name = name`);
  const { startsAt, endsAt } = shiftWindow(tonight, "20:00", "24:00", TZ);
  const at = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, created_at)
    select d.id, d.team_id, ${tonight}::date, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz, 4, ${at} from duties d`);
  await db.execute(sql`insert into assignments (shift_id, person_id, night, source, reply, created_at)
    select s.id, m.person_id, s.night, 'rota', 'coming', ${at}
    from shifts s join memberships m on m.team_id = s.team_id
    where s.night = ${tonight}::date and m.person_id <= ${n}::int`);
}

async function undoCheckIns(db: Db, tonight: string): Promise<void> {
  await db.update(assignments).set({ checkedInAt: null, reply: "coming" }).where(eq(assignments.night, tonight));
}

async function checkedInTonight(db: Db, tonight: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(assignments).where(and(eq(assignments.night, tonight), isNotNull(assignments.checkedInAt)));
  return row!.n;
}

const median = (xs: number[]) => percentile(xs, 50);

async function main(): Promise<void> {
  const tonight = localNight(new Date(), TZ);
  const eight = shiftWindow(tonight, "20:00", "24:00", TZ).startsAt;
  const fake = await startFakeTelegram();
  const bare = await startBareBot(fake);
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  try {
    const seedStart = performance.now();
    await seedDistrict(db, NANHU, eight);
    await seedHistory(db, tonight, HISTORY_NIGHTS, TZ);
    await seedTonight(db, tonight, eight, CHECKINS);
    console.error(`seeded in ${round((performance.now() - seedStart) / 1000)} s`);

    const config = await benchConfig(fake, { DEFAULT_LOCALE: "zh" });
    // 20:00 when the app starts, then running on.
    const offset = eight.getTime() - Date.now();
    const app = await startApp(config, database, pino({ level: "silent" }), () => new Date(Date.now() + offset));
    try {
      await app.scheduler.idle();
      // Volunteers' clients speak the language the district seed gave them (every fifth English).
      const users = Array.from({ length: CHECKINS }, (_, i) =>
        fake.user({ id: NANHU.telegramBase + i + 1, first_name: `Person ${i + 1}`, language_code: (i + 1) % 5 === 0 ? "en" : "zh" }),
      );
      const rounds: Array<{ bare: Load; app: Load; checkedIn: number }> = [];
      for (let r = 0; r < ROUNDS; r++) {
        await undoCheckIns(db, tonight);
        const bareLoad = await drive(bare.url, users);
        const appLoad = await profiled(values.profile, () => drive(config.WEBHOOK_URL!, users));
        rounds.push({ bare: bareLoad, app: appLoad, checkedIn: await checkedInTonight(db, tonight) });
        console.error(`round ${r + 1}: bare ${bareLoad.perSecond}/s, app ${appLoad.perSecond}/s`);
      }
      await undoCheckIns(db, tonight);
      const paced = await drive(config.WEBHOOK_URL!, users, RATE);
      const pacedCheckedIn = await checkedInTonight(db, tonight);
      // One reply per check-in: what the volunteer reads.
      const sample = users[0]!.messages().at(-1)?.text ?? "";

      const barePerSecond = median(rounds.map((r) => r.bare.perSecond));
      const appPerSecond = median(rounds.map((r) => r.app.perSecond));
      console.log(
        JSON.stringify(
          {
            store: database.kind,
            volunteers: NANHU.members,
            historyNights: HISTORY_NIGHTS,
            checkinsPerRound: CHECKINS,
            concurrency: CONCURRENCY,
            rounds,
            paced: { rate: RATE, ...paced, checkedIn: pacedCheckedIn },
            lastReply: sample,
            loadAverage: (await import("node:os")).loadavg().map((n) => round(n, 2)),
            peakRssMiB: rss.peakMiB(),
            barePerSecond,
            appPerSecond,
            ratio: round(appPerSecond / barePerSecond, 2),
          },
          null,
          2,
        ),
      );
    } finally {
      await app.stop();
    }
  } finally {
    bare.server.close();
    await fake.close();
    await drop();
  }
}

runBench(main);

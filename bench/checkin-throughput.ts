/**
 * Check-ins per second through the whole bot, against a bare grammY bot on the same Bot API fake
 * in the same run: the district (15,000 volunteers, a year of history), tonight's shifts with
 * `--checkins` volunteers on them, the app in webhook mode, and every volunteer posting /checkin
 * to the webhook, `--concurrency` at a time as Telegram's max_connections allows (40 by default).
 *
 *   npx tsx bench/checkin-throughput.ts                     # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-throughput.ts
 *   npx tsx bench/checkin-throughput.ts --checkins 2000 --rounds 1 --history 30   # quicker
 *   npx tsx bench/checkin-throughput.ts --rounds 0 --boards --profile-paced paced.cpuprofile
 *
 * Each round runs the bare bot, then the app, over the same users (their check-ins are undone in
 * between); the figure is the median of the rounds. A last run paces the updates at `--rate` per
 * second (open loop, as a wave arrives whether or not the bot keeps up, `--concurrency` posted at
 * once) and reports latency from arrival, with the process's GC pauses and event-loop delay.
 * `--boards`: each team's leader opens tonight's live board first, so board redraws run beside.
 * Prints JSON, the ratio last.
 */
import { createServer, type Server } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { Bot, webhookCallback } from "grammy";
import { pino } from "pino";
import { localNight, shiftWindow } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { assignments } from "../src/storage/schema/index.js";
import { startFakeTelegram, type FakeTelegram, type FakeUser } from "../src/sandbox/telegram/index.js";
import { freePort } from "../test/support/bot-harness.js";
import { NANHU, seedDistrict } from "./district.js";
import { seedHistory } from "./history.js";
import { BENCH_SECRET, benchConfig, shippedApp } from "./app-config.js";
import { pauses, percentile, profiled, round, rss, runBench } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";
import { seedTonight } from "./tonight.js";
import { commandUpdate, drive, post, type Load } from "./webhook-load.js";

const { values } = parseArgs({
  options: {
    checkins: { type: "string", default: "6000" },
    concurrency: { type: "string", default: "40" },
    rounds: { type: "string", default: "3" },
    rate: { type: "string", default: "500" },
    history: { type: "string", default: "365" },
    /** Writes a CPU profile of the app's rounds (open in Chrome DevTools or speedscope). */
    profile: { type: "string" },
    /** Writes a CPU profile of the paced run. */
    "profile-paced": { type: "string" },
    /** Each team's leader opens tonight's live board first, so check-ins are followed by board edits. */
    boards: { type: "boolean", default: false },
  },
});
const CHECKINS = Number(values.checkins);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
const RATE = Number(values.rate);
const HISTORY_NIGHTS = Number(values.history);
const TZ = "Asia/Shanghai";

const median = (xs: number[]) => percentile(xs, 50);

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

async function undoCheckIns(db: Db, tonight: string): Promise<void> {
  await db.update(assignments).set({ checkedInAt: null, reply: "coming" }).where(eq(assignments.night, tonight));
}

async function checkedInTonight(db: Db, tonight: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(assignments).where(and(eq(assignments.night, tonight), isNotNull(assignments.checkedInAt)));
  return row!.n;
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
  const tonight = localNight(new Date(), TZ);
  const { startsAt: eight, endsAt } = shiftWindow(tonight, "20:00", "24:00", TZ);
  // No call log: kept for every request of every round, it only adds to this process's old
  // generation, whose full collections are the paced run's longest pauses. Counters suffice.
  const fake = await startFakeTelegram({ recordCalls: false });
  const bare = await startBareBot(fake);
  const { startApp, openDatabase } = await shippedApp();
  const { database, drop } = await openScratchDatabase(openDatabase);
  const { db } = database;
  try {
    const seedStart = performance.now();
    await seedDistrict(db, NANHU, eight);
    await seedHistory(db, tonight, HISTORY_NIGHTS, TZ);
    await seedTonight(db, { night: tonight, startsAt: eight, endsAt, now: eight, volunteers: CHECKINS });
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
      if (values.boards) {
        // Leaders are each team's first member: persons 1-106, all on tonight's shifts.
        const leaders = users.slice(0, NANHU.teams);
        for (const leader of leaders) await post(config.WEBHOOK_URL!, commandUpdate(leader, `/roster ${tonight}`));
        // The boards go out through the outbox that is running.
        await Promise.all(leaders.map((leader) => leader.waitForMessage((m) => m.text?.startsWith("📋") ?? false, { timeoutMs: 60_000 })));
      }
      const rounds: Array<{ bare: Load; app: Load; checkedIn: number }> = [];
      for (let r = 0; r < ROUNDS; r++) {
        await undoCheckIns(db, tonight);
        const bareLoad = await drive(bare.url, users, { concurrency: CONCURRENCY });
        const appLoad = await profiled(values.profile, () => drive(config.WEBHOOK_URL!, users, { concurrency: CONCURRENCY }));
        rounds.push({ bare: bareLoad, app: appLoad, checkedIn: await checkedInTonight(db, tonight) });
        console.error(`round ${r + 1}: bare ${bareLoad.perSecond}/s (${bareLoad.cpuMsPerUpdate} ms CPU each), app ${appLoad.perSecond}/s (${appLoad.cpuMsPerUpdate} ms CPU each)`);
      }
      await undoCheckIns(db, tonight);
      const edits = () => fake.stats().byMethod["editMessageText"]?.ok ?? 0;
      const editsBefore = edits();
      const [paced, pacedPauses] = await profiled(values["profile-paced"], () => pauses(() => drive(config.WEBHOOK_URL!, users, { concurrency: CONCURRENCY, rate: RATE })));
      const pacedCheckedIn = await checkedInTonight(db, tonight);
      const boardsCurrentAfter = values.boards ? await untilBoardsCurrent(users.slice(0, NANHU.teams)) : undefined;
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
            boards: values.boards,
            paced: { rate: RATE, ...paced, checkedIn: pacedCheckedIn, ...pacedPauses, boardEdits: edits() - editsBefore, boardsCurrentAfter },
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

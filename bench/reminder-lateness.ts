/**
 * How late reminders reach Telegram, through the real app: its scheduler (the due-reminders job on
 * node-cron), its outbox dispatcher at OUTBOX_RATE_PER_SECOND, and the Bot API fake on loopback,
 * which limits sends to Telegram's 30 a second. The district is bench/district-history.ts (15,000
 * volunteers in 106 teams and a year of patrols), 14 nights planned.
 *
 *   npx tsx bench/reminder-lateness.ts            # PGlite, in memory
 *   npx tsx bench/reminder-lateness.ts --quick    # 60 nights of history
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/reminder-lateness.ts
 *
 * Lateness is what the volunteer sees: when the fake accepted the sendMessage, minus the
 * reminder's due_at (negative: early). Two cases:
 *   a. the nightly "are you coming?" wave: tomorrow's 424 asks, all due at 20:00 today;
 *   b. tomorrow's 424 check-in reminders moved to fall evenly over 60 s.
 * The app's clock runs at real speed from 90 s before the wave; it is only offset from the wall clock.
 * Prints a JSON summary, then the figure.
 */
import { loadavg } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, eq, sql } from "drizzle-orm";
import { pino } from "pino";
import { generateShifts } from "../src/shifts/generate-shifts.js";
import { addDays, localNight, shiftWindow } from "../src/shifts/night.js";
import { assignments, people, reminders } from "../src/storage/schema/index.js";
import { startFakeTelegram, type RecordedCall } from "../src/sandbox/telegram/index.js";
import { HISTORY_TZ as TZ, seedDistrictHistory } from "./district-history.js";
import { openScratchDatabase } from "./scratch-database.js";
import { benchConfig, shippedApp } from "./app-config.js";
import { percentile, round, rss, runBench, timed } from "./measure.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const HISTORY_NIGHTS = values.quick ? 60 : 365;
/** REMINDER_SCHEDULE's default, in minutes before the start. */
const REMINDERS = { ask: 1440, nudge: 120, checkin: 15 };
/** The app starts this long before the ask wave is due. */
const START_AHEAD_MS = 90_000;
const SPREAD_MS = 60_000;
/** After the ask wave, the spread starts this far ahead of the app's clock. */
const SPREAD_AHEAD_MS = 10_000;
const GIVE_UP_AFTER_MS = 180_000;
const TELEGRAM_LIMIT_PER_SECOND = 30;

const seconds = (ms: number) => round(ms / 1000, 2);
const figures = (lateMs: number[]) => ({
  p50: seconds(percentile(lateMs, 50)),
  p99: seconds(percentile(lateMs, 99)),
  max: seconds(Math.max(...lateMs)),
  min: seconds(Math.min(...lateMs)),
});
const load = () => loadavg().map((n) => round(n, 2));

/** The assignment a reminder message was about, from its buttons: "sh:c:<id>" asks, "ci:<id>" check-ins. */
function reminderOf(call: RecordedCall, pattern: RegExp): number | null {
  if (call.method !== "sendMessage" || !call.response.ok) return null;
  const match = pattern.exec(JSON.stringify(call.params.reply_markup ?? ""));
  return match ? Number(match[1]) : null;
}

async function main(): Promise<void> {
  const today = localNight(new Date(), TZ);
  const tomorrow = addDays(today, 1);
  const morning = shiftWindow(today, "08:00", "09:00", TZ).startsAt;
  const askDue = new Date(shiftWindow(tomorrow, "20:00", "24:00", TZ).startsAt.getTime() - REMINDERS.ask * 60_000);
  const fake = await startFakeTelegram();
  fake.setRateLimit({ perSecond: TELEGRAM_LIMIT_PER_SECOND });
  const { startApp, openDatabase } = await shippedApp();
  const { database, drop } = await openScratchDatabase(openDatabase);
  const { db } = database;
  const logger = pino({ level: "silent" });
  try {
    const [, seedMs] = await timed(() => seedDistrictHistory(db, today, morning, HISTORY_NIGHTS));
    const ctx = { db, actor: { type: "system" as const, job: "bench" }, now: morning, logger };
    const [, planMs] = await timed(() => generateShifts(ctx, { from: today, days: 14, timeZone: TZ, defaultWeeklyCap: 2, reminders: REMINDERS }));
    // Today's reminders, created overdue by the plan, count as handled: the app should see only the measured ones.
    await db.execute(sql`update reminders set status = 'skipped', handled_at = ${morning.toISOString()}::timestamptz, skip_reason = 'bench: before the measured wave'
      where status = 'pending' and due_at < ${askDue.toISOString()}::timestamptz`);
    const wave = await db
      .select({ assignmentId: assignments.id, telegramId: people.telegramId, dueAt: reminders.dueAt })
      .from(reminders)
      .innerJoin(assignments, eq(assignments.id, reminders.assignmentId))
      .innerJoin(people, eq(people.id, assignments.personId))
      .where(and(eq(assignments.night, tomorrow), eq(reminders.kind, "ask"), eq(reminders.status, "pending")));
    for (const w of wave) fake.user({ id: w.telegramId!, first_name: `V${w.telegramId}`, language_code: "zh" });
    console.error(`seeded ${HISTORY_NIGHTS} nights in ${seconds(seedMs)} s, planned 14 in ${seconds(planMs)} s; ${wave.length} asks due at ${askDue.toISOString()}`);

    const config = await benchConfig(fake, { DEFAULT_LOCALE: "zh", SYNC_COMMANDS: "false" });
    const offset = askDue.getTime() - START_AHEAD_MS - Date.now();
    const appNow = () => Date.now() + offset;
    const app = await startApp(config, database, logger, () => new Date(appNow()));
    try {
      // a. The ask wave.
      const asked = new Map<number, number>();
      const askLoad = load();
      const collect = (into: Map<number, number>, pattern: RegExp) => {
        for (const call of fake.calls) {
          const id = reminderOf(call, pattern);
          if (id !== null && !into.has(id)) into.set(id, call.at + offset);
        }
      };
      while (asked.size < wave.length && appNow() < askDue.getTime() + GIVE_UP_AFTER_MS) {
        await sleep(500);
        collect(asked, /"sh:c:(\d+)"/);
        rss.sample();
      }
      const askLate = [...asked.values()].map((at) => at - askDue.getTime());

      // b. The check-in reminders, spread over a minute from a little ahead of the app's clock.
      const spreadStart = appNow() + SPREAD_AHEAD_MS;
      const moved = await db.execute(sql`update reminders r set due_at = ${new Date(spreadStart).toISOString()}::timestamptz + x.i * ${SPREAD_MS}::float8 / x.n * interval '1 millisecond'
        from (select r2.id, row_number() over (order by r2.id) - 1 as i, count(*) over () as n
              from reminders r2 join assignments a on a.id = r2.assignment_id where a.night = ${tomorrow}::date and r2.kind = 'checkin' and r2.status = 'pending') x
        where r.id = x.id returning r.assignment_id, r.due_at`);
      const movedRows = ((moved as { rows?: unknown[] }).rows ?? (moved as unknown as unknown[])) as Array<{ assignment_id: number; due_at: string | Date }>;
      const dueOf = new Map(movedRows.map((r) => [Number(r.assignment_id), new Date(r.due_at).getTime()]));
      const checkins = new Map<number, number>();
      const spreadLoad = load();
      while (checkins.size < dueOf.size && appNow() < spreadStart + SPREAD_MS + GIVE_UP_AFTER_MS) {
        await sleep(500);
        collect(checkins, /"ci:(\d+)"/);
        rss.sample();
      }
      const spreadLate = [...checkins.entries()].map(([id, at]) => at - dueOf.get(id)!);

      const a = figures(askLate);
      const b = figures(spreadLate);
      console.log(
        JSON.stringify(
          {
            store: database.kind,
            historyNights: HISTORY_NIGHTS,
            outboxRatePerSecond: config.OUTBOX_RATE_PER_SECOND,
            telegramLimitPerSecond: TELEGRAM_LIMIT_PER_SECOND,
            askWave: { due: wave.length, sent: asked.size, latenessSeconds: a, loadAverage: askLoad },
            spread: { due: dueOf.size, sent: checkins.size, overSeconds: SPREAD_MS / 1000, latenessSeconds: b, loadAverage: spreadLoad },
            rateLimited429: fake.calls.filter((c) => !c.response.ok && c.response.error_code === 429).length,
            peakRssMiB: rss.peakMiB(),
            loadAverageAtEnd: load(),
          },
          null,
          2,
        ),
      );
      console.log(`lateness p99: ask wave of ${wave.length} ${a.p99} s (${asked.size} sent), spread over 60 s ${b.p99} s (${checkins.size} sent)`);
    } finally {
      await app.stop();
    }
  } finally {
    await fake.close();
    await drop();
  }
}

runBench(main);

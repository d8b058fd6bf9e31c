/**
 * The scheduler's jobs at district scale: 10 towns, 106 teams, 15,000 volunteers and a year of
 * patrol history (4 people a night per team, checked in and out, reminders handled).
 *
 *   npx tsx bench/scheduler.ts            # PGlite, in memory
 *   npx tsx bench/scheduler.ts --quick    # 60 nights of history, 20 s lateness window
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/scheduler.ts
 *
 * Measures planning 14 nights, the reminder tick when one night's "are you coming?" is due, and
 * when check-in reminders become sendable when the tick runs every 5 s on the real clock (how late
 * they reach Telegram: bench/reminder-lateness.ts).
 * Prints a JSON summary.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { and, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { pino } from "pino";
import type { DomainContext } from "../src/domain/context.js";
import { generateShifts } from "../src/shifts/generate-shifts.js";
import { addDays, localNight, shiftWindow } from "../src/shifts/night.js";
import { sendDueReminders } from "../src/shifts/send-due-reminders.js";
import { assignments, outbox, reminders } from "../src/storage/schema/index.js";
import { seedDistrictHistory } from "./district-history.js";
import { openScratchDatabase } from "./scratch-database.js";
import { percentile, round, rss, runBench, timed } from "./measure.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const HISTORY_NIGHTS = values.quick ? 60 : 365;
const WINDOW_SECONDS = values.quick ? 20 : 60;
const TZ = "Asia/Shanghai";
const REMINDERS = { ask: 1440, nudge: 120, checkin: 15 };
/** The production cron interval of the due-reminders job (src/scheduler/jobs.ts). */
const TICK_MS = 5000;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const today = localNight(new Date(), TZ);
  const tomorrow = addDays(today, 1);
  const morning = shiftWindow(today, "08:00", "09:00", TZ).startsAt;
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  const logger = pino({ level: "silent" });
  const ctxAt = (now: Date): DomainContext => ({ db, actor: { type: "system", job: "bench" }, now, logger });
  try {
    const rssBefore = process.memoryUsage().rss;
    const [, seedMs] = await timed(() => seedDistrictHistory(db, today, morning, HISTORY_NIGHTS));
    const [history] = await db.select({ n: count() }).from(assignments);
    console.error(`seeded ${HISTORY_NIGHTS} nights (${history!.n} assignments) in ${(seedMs / 1000).toFixed(1)} s`);

    // 1. The 03:00 planning job, here in the morning, for 14 nights of 106 teams.
    const options = { from: today, days: 14, timeZone: TZ, defaultWeeklyCap: 2, reminders: REMINDERS };
    const [planned, planMs] = await timed(() => generateShifts(ctxAt(morning), options));
    // It also runs at every start; with everything planned it should be cheap.
    const [, replanMs] = await timed(() => generateShifts(ctxAt(morning), options));

    // 2. Tomorrow's "are you coming?" falls due 24 h before its start. Whatever was due earlier
    // (today's reminders, created overdue by the first plan) counts as handled, so the ticks see one night.
    const askDue = new Date(shiftWindow(tomorrow, "20:00", "24:00", TZ).startsAt.getTime() - REMINDERS.ask * 60_000);
    await db.execute(sql`update reminders set status = 'skipped', handled_at = ${morning.toISOString()}::timestamptz, skip_reason = 'bench: before the measured tick'
      where status = 'pending' and due_at < ${askDue.toISOString()}::timestamptz`);
    const tickAt = new Date(askDue.getTime() + 1000);
    const ticks: Array<{ ms: number; sent: number; skipped: number }> = [];
    for (let i = 0; i < 20; i++) {
      const [result, ms] = await timed(() => sendDueReminders(ctxAt(tickAt)));
      ticks.push({ ms: round(ms), ...result });
      if (result.sent + result.skipped === 0) break;
    }
    const working = ticks.filter((t) => t.sent + t.skipped > 0);
    const handled = working.reduce((sum, t) => sum + t.sent + t.skipped, 0);
    const workingMs = working.reduce((sum, t) => sum + t.ms, 0);
    // The tick runs every 5 s all day long, nearly always with nothing due: its idle cost matters too.
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push((await timed(() => sendDueReminders(ctxAt(tickAt))))[1]);

    // 3. Lateness on the real clock: tomorrow's check-in reminders spread over the next window.
    const windowStart = Date.now() + 1000;
    const moved = await db.execute(sql`update reminders r set due_at = ${new Date(windowStart).toISOString()}::timestamptz + x.i * ${WINDOW_SECONDS * 1000}::float8 / x.n * interval '1 millisecond'
      from (select r2.id, row_number() over (order by r2.id) - 1 as i, count(*) over () as n
            from reminders r2 join assignments a on a.id = r2.assignment_id where a.night = ${tomorrow}::date and r2.kind = 'checkin' and r2.status = 'pending') x
      where r.id = x.id returning r.id`);
    const movedIds = ((moved as { rows?: Array<{ id: number }> }).rows ?? (moved as unknown as Array<{ id: number }>)).map((r) => Number(r.id));
    const commitOf = new Map<number, number>();
    const loopEnd = windowStart + (WINDOW_SECONDS + 10) * 1000;
    const tickMs: number[] = [];
    for (;;) {
      // node-cron fires on wall-clock multiples of 5 s; a tick still running when the next is due makes it skip.
      const next = Math.ceil(Date.now() / TICK_MS) * TICK_MS;
      if (next > loopEnd) break;
      await sleep(next - Date.now());
      const now = new Date();
      // As the due-reminders job does: up to a minute ahead, paced at the default outbox rate.
      await sendDueReminders(ctxAt(now), { aheadMs: 60_000, ratePerSecond: 25 });
      rss.sample();
      commitOf.set(now.getTime(), Date.now());
      tickMs.push(Date.now() - now.getTime());
    }
    // The outbox may send a message from its not_before, and only once the tick that queued it
    // committed (created_at is the tick's start). bench/reminder-lateness.ts measures the send itself.
    const rows = await db
      .select({ dueAt: reminders.dueAt, createdAt: outbox.createdAt, notBefore: outbox.notBefore })
      .from(reminders)
      .innerJoin(outbox, eq(outbox.id, reminders.outboxId))
      .where(and(inArray(reminders.id, movedIds), isNotNull(reminders.outboxId)));
    const sendable = rows.map((r) => (Math.max(r.notBefore.getTime(), commitOf.get(r.createdAt.getTime()) ?? NaN) - r.dueAt.getTime()) / 1000);
    rss.sample();

    const summary = {
      store: database.kind,
      historyNights: HISTORY_NIGHTS,
      historyAssignments: history!.n,
      seedSeconds: round(seedMs / 1000),
      plan: { seconds: round(planMs / 1000, 2), ...planned, rerunSeconds: round(replanMs / 1000, 2) },
      askTick: {
        due: handled,
        ticks,
        p50Ms: round(percentile(working.map((t) => t.ms), 50)),
        maxMs: round(Math.max(...working.map((t) => t.ms))),
        remindersPerSecond: Math.round((handled / workingMs) * 1000),
        idleTickP50Ms: round(percentile(idle, 50)),
      },
      checkinLateness: {
        windowSeconds: WINDOW_SECONDS,
        moved: movedIds.length,
        sent: rows.length,
        ticks: tickMs.length,
        tickMaxMs: Math.max(...tickMs),
        sendableMinusDueSeconds: { p50: round(percentile(sendable, 50), 2), p99: round(percentile(sendable, 99), 2), max: round(Math.max(...sendable), 2) },
      },
      rssBeforeSeedMiB: mib(rssBefore),
      peakRssMiB: rss.peakMiB(),
    };
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await drop();
  }
}

runBench(main);

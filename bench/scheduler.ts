/**
 * The scheduler's jobs at district scale: 10 towns, 106 teams, 15,000 volunteers and a year of
 * patrol history (4 people a night per team, checked in and out, reminders handled).
 *
 *   npx tsx bench/scheduler.ts            # PGlite, in memory
 *   npx tsx bench/scheduler.ts --quick    # 60 nights of history, 20 s lateness window
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/scheduler.ts
 *
 * Measures planning 14 nights, the reminder tick when one night's "are you coming?" is due, and
 * how late check-in reminders go out when the tick runs every 5 s on the real clock.
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
import type { Db } from "../src/storage/db.js";
import { assignments, outbox, reminders } from "../src/storage/schema/index.js";
import { openScratchDatabase } from "./scratch-database.js";
import { percentile, round, rss, runBench, timed } from "./measure.js";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const HISTORY_NIGHTS = values.quick ? 60 : 365;
const WINDOW_SECONDS = values.quick ? 20 : 60;
const TZ = "Asia/Shanghai";
const TOWNS = 10;
const TEAMS = 106;
const PEOPLE = 15_000;
const REMINDERS = { ask: 1440, nudge: 120, checkin: 15 };
/** The production cron interval of the due-reminders job (src/scheduler/jobs.ts). */
const TICK_MS = 5000;

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** The district and its history, set-based: row-by-row inserts would take longer than the bench. */
async function seed(db: Db, today: string, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const first = sql`${addDays(today, -HISTORY_NIGHTS)}::date`;
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, ${TOWNS}::int) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${TEAMS}::int) g join towns t on t.name = 'Town ' || ((g - 1) % ${TOWNS}::int + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  // Telegram ids, so reminders are really sent rather than skipped as "not on Telegram".
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select 800000000 + g, 'Volunteer ' || g, 'zh', ${at}, ${at} from generate_series(1, ${PEOPLE}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${TEAMS}::int`);
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at) select min(person_id), 'leader', team_id, ${at} from memberships group by team_id`);
  await db.execute(sql`insert into duties (team_id, kind, name, start_time, end_time, headcount_normal, created_at)
    select id, 'patrol', 'patrol', '20:00', '24:00', 4, ${at} from teams`);
  // One shift a night per team; 20:00-24:00 local is what shiftWindow would compute.
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, created_at)
    select d.id, d.team_id, ${first} + k, (${first} + k + time '20:00') at time zone ${TZ}, (${first} + k + 1)::timestamp at time zone ${TZ}, 4,
      (${first} + k - 14)::timestamp at time zone ${TZ}
    from duties d cross join generate_series(0, ${HISTORY_NIGHTS - 1}::int) k`);
  // Four members a night, walking round the team, so everyone serves about equally often.
  await db.execute(sql`with sizes as (select team_id, count(*)::int as n from memberships group by team_id),
      ranked as (select person_id, team_id, (row_number() over (partition by team_id order by person_id) - 1)::int as i from memberships),
      wanted as (select s.id, s.team_id, s.night, s.starts_at, s.ends_at, ((s.night - ${first}) * 4 + slot) % z.n as i
        from shifts s join sizes z on z.team_id = s.team_id cross join generate_series(0, 3) slot)
    insert into assignments (shift_id, person_id, night, source, reply, replied_at, checked_in_at, checked_out_at, created_at)
    select w.id, r.person_id, w.night, 'rota', 'coming', w.starts_at - interval '20 hours', w.starts_at + interval '2 minutes', w.ends_at, w.starts_at - interval '14 days'
    from wanted w join ranked r on r.team_id = w.team_id and r.i = w.i`);
  await db.execute(sql`insert into reminders (assignment_id, kind, due_at, status, handled_at, skip_reason)
    select a.id, k.kind::reminder_kind, s.starts_at - k.lead * interval '1 minute', k.status::reminder_status, s.starts_at - k.lead * interval '1 minute',
      case when k.status = 'skipped' then 'already answered' end
    from assignments a join shifts s on s.id = a.shift_id
    cross join (values ('ask', 1440, 'sent'), ('nudge', 120, 'skipped'), ('checkin', 15, 'sent')) k(kind, lead, status)`);
  // PostgreSQL's autovacuum would have analysed a year of rows long ago; PGlite has none, so it is done here for both.
  await db.execute(sql`analyze`);
}

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
    const [, seedMs] = await timed(() => seed(db, today, morning));
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
      await sendDueReminders(ctxAt(now));
      rss.sample();
      commitOf.set(now.getTime(), Date.now());
      tickMs.push(Date.now() - now.getTime());
    }
    // created_at is the tick's `now` (its start); the message can be sent only once the tick committed.
    const rows = await db
      .select({ dueAt: reminders.dueAt, createdAt: outbox.createdAt })
      .from(reminders)
      .innerJoin(outbox, eq(outbox.id, reminders.outboxId))
      .where(and(inArray(reminders.id, movedIds), isNotNull(reminders.outboxId)));
    const lateness = rows.map((r) => (r.createdAt.getTime() - r.dueAt.getTime()) / 1000);
    const committed = rows.map((r) => ((commitOf.get(r.createdAt.getTime()) ?? NaN) - r.dueAt.getTime()) / 1000);
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
        createdMinusDueSeconds: { p50: round(percentile(lateness, 50), 2), p99: round(percentile(lateness, 99), 2), max: round(Math.max(...lateness), 2) },
        committedMinusDueSeconds: { p50: round(percentile(committed, 50), 2), p99: round(percentile(committed, 99), 2), max: round(Math.max(...committed), 2) },
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

/**
 * The 20:00 check-in wave: 850 volunteers on tonight's shifts of 106 teams all send /checkin at
 * 19:55, through the real app (webhook mode) and the Bot API fake, both on loopback, while each
 * team's leader watches the live board (/roster) that every check-in redraws.
 *
 *   npx tsx bench/checkin-wave.ts                          # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/checkin-wave.ts
 *   npx tsx bench/checkin-wave.ts --volunteers 850 --concurrency 50 --direct --no-boards
 *
 * By default updates go through the fake (`user.send`), which delivers to the webhook one at a
 * time. Telegram instead keeps up to max_connections (default 40) webhook requests open at once;
 * --direct posts the updates to the webhook itself, `--concurrency` at a time, to show that case.
 * Prints a JSON summary.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { count, eq, isNotNull, sql } from "drizzle-orm";
import { pino } from "pino";
import { localNight, shiftWindow } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { assignments, people, roleGrants } from "../src/storage/schema/index.js";
import { startFakeTelegram, type FakeUser } from "../src/sandbox/telegram/index.js";
import { openScratchDatabase } from "./scratch-database.js";
import { BENCH_SECRET, benchConfig, shippedApp } from "./app-config.js";
import { percentile, rss, runBench } from "./measure.js";

const { values } = parseArgs({
  options: {
    volunteers: { type: "string", default: "850" },
    concurrency: { type: "string", default: "50" },
    direct: { type: "boolean", default: false },
    "no-boards": { type: "boolean", default: false },
  },
});
const VOLUNTEERS = Number(values.volunteers);
const CONCURRENCY = Number(values.concurrency);
const TEAMS = 106;
const TZ = "Asia/Shanghai";
const FIRST_TELEGRAM_ID = 700_000_001;
const REPLY_TIMEOUT_MS = 30_000;
/** No new /checkin is sent after this, so a stuck app cannot keep the bench running. */
const WAVE_DEADLINE_MS = 300_000;


/** Polls until `done` holds or the time is up, so nothing here can wait forever. */
async function until(done: () => unknown, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!done() && performance.now() < deadline) await sleep(200);
}

/** 106 teams with their patrol, and tonight's shift of each with every member on it (8 or 9). */
async function seed(db: Db, tonight: string, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const { startsAt, endsAt } = shiftWindow(tonight, "20:00", "24:00", TZ);
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, 10) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${TEAMS}::int) g join towns t on t.name = 'Town ' || ((g - 1) % 10 + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  await db.execute(sql`insert into duties (team_id, kind, name, created_at) select id, 'patrol', 'patrol', ${at} from teams`);
  // client_language matches the fake users' language_code, as for anyone who wrote to the bot before.
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select ${FIRST_TELEGRAM_ID - 1}::bigint + g, 'Volunteer ' || g, 'en', ${at}, ${at} from generate_series(1, ${VOLUNTEERS}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${TEAMS}::int`);
  // The first member of each team leads it, and tonight's shift.
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at) select min(person_id), 'leader', team_id, ${at} from memberships group by team_id`);
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, leader_person_id, created_at)
    select d.id, d.team_id, ${tonight}::date, ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz,
      (select count(*) from memberships m where m.team_id = d.team_id), g.person_id, ${at}
    from duties d join role_grants g on g.team_id = d.team_id`);
  await db.execute(sql`insert into assignments (shift_id, person_id, night, source, created_at)
    select s.id, m.person_id, s.night, 'rota', ${at} from shifts s join memberships m on m.team_id = s.team_id`);
}

async function main(): Promise<void> {
  const tonight = localNight(new Date(), TZ);
  const pinned = shiftWindow(tonight, "19:55", "20:00", TZ).startsAt;
  const fake = await startFakeTelegram();
  const { startApp, openDatabase } = await shippedApp();
  const { database, drop } = await openScratchDatabase(openDatabase);
  try {
    await seed(database.db, tonight, pinned);
    const config = await benchConfig(fake);
    // 19:55 when the app starts, then running on: a frozen clock would let the live-board job
    // redraw each board only once (it waits 10 s of clock time between two edits of a board).
    const offset = pinned.getTime() - Date.now();
    const startupStart = performance.now();
    const app = await startApp(config, database, pino({ level: "silent" }), () => new Date(Date.now() + offset));
    try {
      // The planning job runs at start (14 nights for 106 teams), partly while startApp is still
      // setting up on PGlite's single thread; the wave should not race it.
      await app.scheduler.run("plan-shifts");
      const startupSeconds = (performance.now() - startupStart) / 1000;

      const users = Array.from({ length: VOLUNTEERS }, (_, i) => fake.user({ id: FIRST_TELEGRAM_ID + i, first_name: `V${i + 1}`, language_code: "en" }));
      const leaderIds = new Set((await database.db.select({ id: people.telegramId }).from(roleGrants).innerJoin(people, eq(people.id, roleGrants.personId))).map((r) => r.id));
      const leaders = values["no-boards"] ? [] : users.filter((u) => leaderIds.has(u.id));
      const boardOf = (leader: FakeUser) => leader.messages().find((m) => m.text?.startsWith("📋"));
      // Each team's leader has tonight's live board open, as at 20:00; it arrives through the outbox.
      await Promise.all(leaders.map((leader) => leader.send("/roster")));
      await until(() => leaders.every((leader) => boardOf(leader)), 60_000);

      const latencies: number[] = [];
      const failures: string[] = [];
      let nextUpdateId = 900_000_001;
      // What Telegram would POST: the fake's delivery is bypassed, its chat store still gets the replies.
      const post = async (user: FakeUser) => {
        const message = { message_id: 1, from: user.user, chat: user.chat, date: Math.floor(Date.now() / 1000), text: "/checkin", entities: [{ type: "bot_command", offset: 0, length: 8 }] };
        const res = await fetch(config.WEBHOOK_URL!, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": BENCH_SECRET },
          body: JSON.stringify({ update_id: nextUpdateId++, message }),
        });
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`webhook answered ${res.status}`);
      };
      const checkIn = async (user: FakeUser) => {
        const since = user.cursor();
        const start = performance.now();
        try {
          await (values.direct ? post(user) : user.send("/checkin"));
          // The first reply, whatever it says (an error counts at once); board edits are not replies.
          const reply = await user.waitForMessage((m) => !m.text?.startsWith("📋"), { after: since, timeoutMs: REPLY_TIMEOUT_MS });
          if (!/Checked in/.test(reply.text ?? "")) throw new Error(`replied: ${reply.text}`);
          latencies.push(performance.now() - start);
        } catch (error) {
          failures.push(`${user.id}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        }
        rss.sample();
      };

      const editsBefore = fake.calls.filter((c) => c.method === "editMessageText").length;
      const waveStart = performance.now();
      let next = 0;
      const worker = async () => {
        while (next < users.length && performance.now() - waveStart < WAVE_DEADLINE_MS) await checkIn(users[next++]!);
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = (performance.now() - waveStart) / 1000;
      // A board is up to date when everyone on it shows as checked in.
      const settled = (leader: FakeUser) => {
        const text = boardOf(leader)?.text ?? "";
        return /On the roster (\d+)/.exec(text)?.[1] === /checked in (\d+)/.exec(text)?.[1];
      };
      await until(() => leaders.every(settled), 60_000);
      const boardsSeconds = (performance.now() - waveStart) / 1000;

      const [checkedIn] = await database.db.select({ n: count() }).from(assignments).where(isNotNull(assignments.checkedInAt));
      console.log(
        JSON.stringify(
          {
            store: database.kind,
            delivery: values.direct ? `direct to the webhook, ${CONCURRENCY} at a time` : `through the fake (one at a time), ${CONCURRENCY} users waiting`,
            volunteers: VOLUNTEERS,
            teams: TEAMS,
            startupSeconds: Number(startupSeconds.toFixed(1)),
            seconds: Number(seconds.toFixed(1)),
            updatesPerSecond: Number((latencies.length / seconds).toFixed(1)),
            latencyMs: { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), p99: Math.round(percentile(latencies, 99)), max: Math.round(Math.max(...latencies)) },
            failures: failures.length,
            failureSamples: failures.slice(0, 5),
            webhookFailures: fake.webhookFailures.length,
            checkedInInDatabase: checkedIn!.n,
            liveBoards: { open: leaders.length, edits: fake.calls.filter((c) => c.method === "editMessageText").length - editsBefore, upToDate: leaders.filter(settled).length, secondsFromWaveStart: Number(boardsSeconds.toFixed(1)) },
            peakRssMiB: rss.peakMiB(),
          },
          null,
          2,
        ),
      );
    } finally {
      await app.stop();
    }
  } finally {
    await fake.close();
    await drop();
  }
}

runBench(main);

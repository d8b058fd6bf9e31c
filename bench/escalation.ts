/**
 * The escalation engine on a bad night for the whole district: 10 towns, 106 teams, every
 * shift short of people at 20:15, and a burst of reports from the patrols.
 *
 *   npx tsx bench/escalation.ts                 # PGlite, in memory, 1,000 reports
 *   npx tsx bench/escalation.ts --reports 200   # quicker
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/escalation.ts
 *
 * Measures the understaffed trigger for 106 shifts, storing and paging one report (the reporter
 * waits for this), the tick that passes everything unacknowledged to the next level, and an idle
 * tick. Checks that each level reached each person once. Prints a JSON summary.
 */
import { parseArgs } from "node:util";
import { and, count, countDistinct, eq, like, sql } from "drizzle-orm";
import { pino } from "pino";
import type { DomainContext } from "../src/domain/context.js";
import { ensureDefaultPolicies } from "../src/escalation/policies.js";
import { runEscalations } from "../src/escalation/run-escalations.js";
import { submitReport } from "../src/incidents/submit-report.js";
import { escalateUnderstaffedShifts } from "../src/shifts/escalate-shifts.js";
import { localNight } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { escalations, outbox, people } from "../src/storage/schema/index.js";
import { percentile, round, rss, runBench, timed } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const { values } = parseArgs({ options: { reports: { type: "string", default: "1000" } } });
const REPORTS = Number(values.reports);
const TZ = "Asia/Shanghai";
const TOWNS = 10;
const TEAMS = 106;
const MEMBERS = 20;
const MINUTE = 60_000;
const settings = { refPrefix: "NH", timeZone: TZ, publicPerDay: 5, bbox: null };

/** The district tonight: a leader per team, a supervisor and a police liaison per town, 3 coordinators, one shift each with 2 of 4 in. */
async function seed(db: Db, night: string, now: Date): Promise<void> {
  const at = sql`${now.toISOString()}::timestamptz`;
  await db.execute(sql`insert into towns (name) select 'Town ' || g from generate_series(1, ${TOWNS}::int) g`);
  await db.execute(sql`insert into communities (town_id, name)
    select t.id, 'Community ' || g from generate_series(1, ${TEAMS}::int) g join towns t on t.name = 'Town ' || ((g - 1) % ${TOWNS}::int + 1)`);
  await db.execute(sql`insert into teams (community_id, name) select id, replace(name, 'Community', 'Team') from communities`);
  await db.execute(sql`insert into people (telegram_id, name, client_language, created_at, updated_at)
    select 900000000 + g, 'Person ' || g, 'zh', ${at}, ${at} from generate_series(1, ${TEAMS * MEMBERS + 2 * TOWNS + 3}::int) g`);
  await db.execute(sql`insert into memberships (person_id, team_id, status, source, weekdays, created_at, updated_at)
    select p.id, t.id, 'active', 'import', 127, ${at}, ${at}
    from (select id, row_number() over (order by id) - 1 as i from people where id <= ${TEAMS * MEMBERS}) p
    join (select id, row_number() over (order by id) - 1 as i from teams) t on t.i = p.i % ${TEAMS}::int`);
  await db.execute(sql`insert into role_grants (person_id, role, team_id, granted_at) select min(person_id), 'leader', team_id, ${at} from memberships group by team_id`);
  await db.execute(sql`insert into role_grants (person_id, role, town_id, granted_at)
    select ${TEAMS * MEMBERS}::int + t.id, 'supervisor'::role_name, t.id, ${at} from towns t
    union all select ${TEAMS * MEMBERS + TOWNS}::int + t.id, 'police'::role_name, t.id, ${at} from towns t`);
  await db.execute(sql`insert into role_grants (person_id, role, granted_at) select id, 'coordinator', ${at} from people where id > ${TEAMS * MEMBERS + 2 * TOWNS}`);
  await db.execute(sql`insert into duties (team_id, kind, name, created_at) select id, 'patrol', 'patrol', ${at} from teams`);
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, leader_person_id, created_at)
    select d.id, d.team_id, ${night}::date, (${night}::date + time '20:00') at time zone ${TZ}, (${night}::date + 1)::timestamp at time zone ${TZ}, 4,
      (select person_id from role_grants g where g.team_id = d.team_id and g.role = 'leader'), ${at}
    from duties d`);
  // Two of four checked in: every shift is short at 20:15.
  await db.execute(sql`insert into assignments (shift_id, person_id, night, source, reply, checked_in_at, created_at)
    select s.id, m.person_id, s.night, 'rota', 'coming', s.starts_at, ${at}
    from shifts s join lateral (select person_id from memberships where team_id = s.team_id order by person_id offset 1 limit 2) m on true`);
  await db.execute(sql`analyze`);
}

async function main(): Promise<void> {
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  const logger = pino({ level: "silent" });
  const ctxAt = (now: Date, actor: DomainContext["actor"] = { type: "system", job: "bench" }): DomainContext => ({ db, actor, now, logger });
  try {
    const night = localNight(new Date(), TZ);
    const start = new Date(`${night}T12:00:00Z`); // 20:00 in Shanghai
    await seed(db, night, start);
    await ensureDefaultPolicies(db, start);

    const [raised, triggerMs] = await timed(() => escalateUnderstaffedShifts(ctxAt(new Date(start.getTime() + 15 * MINUTE))));

    const submitMs: number[] = [];
    const members = await db.select({ id: people.id }).from(people).where(sql`${people.id} <= ${TEAMS * MEMBERS} and ${people.id} % ${MEMBERS} <> 1`);
    for (let i = 0; i < REPORTS; i++) {
      const reporter = members[(i * 7) % members.length]!.id;
      const at = new Date(start.getTime() + 20 * MINUTE + i * 100);
      const category = (["hazard", "tip", "dispute", "assistance", "suspicious"] as const)[i % 5]!;
      const [, ms] = await timed(() =>
        submitReport(ctxAt(at, { type: "person", personId: reporter }), settings, { clientKey: `bench:${i}`, category, description: `report ${i}`, voiceFileId: null, photoFileIds: [], location: null }),
      );
      submitMs.push(ms);
    }

    // Nobody acknowledged anything: 1 h after the reports every level-1 wait has passed.
    const tickAt = new Date(start.getTime() + 90 * MINUTE);
    const ticks: Array<{ steps: number; ms: number }> = [];
    for (;;) {
      const [steps, ms] = await timed(() => runEscalations(ctxAt(tickAt)));
      if (steps === 0) break;
      ticks.push({ steps, ms: round(ms) });
    }
    const idle: number[] = [];
    for (let i = 0; i < 5; i++) idle.push((await timed(() => runEscalations(ctxAt(tickAt))))[1]);

    const cards = and(eq(sql`${outbox.payload}->>'kind'`, "message"), like(outbox.groupKey, "%:%"));
    const [sent] = await db.select({ rows: count(), keys: countDistinct(outbox.dedupeKey) }).from(outbox).where(cards);
    const [live] = await db.select({ n: count() }).from(escalations).where(eq(escalations.status, "active"));
    const steps = ticks.reduce((s, t) => s + t.steps, 0);
    const tickMs = ticks.reduce((s, t) => s + t.ms, 0);
    console.log(
      JSON.stringify(
        {
          store: database.kind,
          understaffedTrigger: { shifts: TEAMS, escalated: raised, ms: round(triggerMs) },
          submitAndPage: { reports: REPORTS, p50Ms: round(percentile(submitMs, 50)), p99Ms: round(percentile(submitMs, 99)), maxMs: round(Math.max(...submitMs)) },
          nextLevelTick: { steps, ticks: ticks.length, seconds: round(tickMs / 1000, 2), stepsPerSecond: Math.round((steps / tickMs) * 1000) },
          idleTickP50Ms: round(percentile(idle, 50)),
          cardMessages: { rows: sent!.rows, duplicates: sent!.rows - sent!.keys },
          stillEscalating: live!.n,
          peakRssMiB: rss.peakMiB(),
        },
        null,
        2,
      ),
    );
  } finally {
    await drop();
  }
}

runBench(main);

/**
 * The weekly review of a whole district: 15,000 volunteers in 106 teams, one week planned by the
 * real rota (Saturday a social patrol day at eight a team), and the week's nights played out
 * set-based: check-ins, late arrivals and no-shows that differ by team, duty logs, reports and
 * the police's verdicts, volunteers' affiliations.
 *
 *   npx tsx bench/review.ts                      # PGlite, in memory
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/review.ts
 *   npx tsx bench/review.ts --chart docs/weekly-review.png --locale zh
 *
 * Times the week's figures and ranking (what the weekly job and /review compute) and a night's
 * (the nightly summary), and prints the weekly message. With --chart it draws the week's chart,
 * which is how the example in the README was made.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { createRenderer } from "../src/bot/deliver.js";
import { createI18n } from "../src/bot/i18n.js";
import { chartPng } from "../src/bot/render/chart-png.js";
import { tableCsv } from "../src/bot/render/table-csv.js";
import { addSpecialDay } from "../src/levels/special-days.js";
import { DEFAULT_WEIGHTS } from "../src/reviews/criteria.js";
import { teamFigures } from "../src/reviews/team-figures.js";
import { composeReview, loadWeek } from "../src/reviews/weekly-review.js";
import { generateShifts } from "../src/shifts/generate-shifts.js";
import { shiftWindow } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";
import { testPolicy } from "../test/support/shifts.js";
import { NANHU, seedDistrict } from "./district.js";
import { round, rss, runBench, timed } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const TZ = "Asia/Shanghai";
const MONDAY = "2027-05-03";
const SUNDAY = "2027-05-09";
const TOWNS = ["新丰镇", "凤桥镇", "余新镇", "大桥镇", "七星镇", "建设街道", "解放街道", "南湖街道", "新嘉街道", "东栅街道"];
const { values: args } = parseArgs({ options: { chart: { type: "string" }, locale: { type: "string", default: "zh" } } });

/** The week as it might have gone; hashes of ids keep it the same on every run. Teams differ in how reliable they are. */
async function playWeek(db: Db): Promise<void> {
  const week = sql`s.night between ${MONDAY}::date and ${SUNDAY}::date`;
  await db.execute(sql`update towns set name = (string_to_array(${TOWNS.join(",")}, ','))[id] where id <= ${TOWNS.length}`);
  await db.execute(sql`update teams set name = '巡防' || id || '队'`);
  await db.execute(sql`update people set affiliation_kind = (array['party','party','party','league','newcomer','student','unit','unit','unit',null])[id % 10 + 1]`);
  // A team's own slack, 0-9 points: how many of its volunteers in a hundred do not turn up.
  await db.execute(sql`update assignments a set
      checked_in_at = case when h.v < 96 - h.slack then h.starts_at - interval '10 minutes'
                           when h.v < 100 - h.slack then h.starts_at + interval '15 minutes' end,
      no_show_at = case when h.v >= 100 - h.slack then h.starts_at + interval '30 minutes' end
    from (select x.id, s.starts_at, (x.person_id * 7919 + extract(day from s.night)::int * 31) % 100 as v, (s.team_id * 37) % 10 as slack
          from assignments x join shifts s on s.id = x.shift_id where x.ended_at is null and ${week}) h
    where a.id = h.id`);
  await db.execute(sql`update shifts s set log_closed_at = s.ends_at + interval '10 minutes'
    where ${week} and (s.team_id * 13 + extract(day from s.night)::int) % 10 < case when s.team_id % 4 = 0 then 6 else 10 end`);
  await db.execute(sql`insert into duty_log_counts (shift_id, on_patrol, hazards, helped, confirmed_at, updated_at)
    select s.id, s.required, (s.team_id + extract(day from s.night)::int) % 3 / 2, (s.team_id * extract(day from s.night)::int) % 4 / 2, s.ends_at, s.ends_at
    from shifts s where ${week} and s.log_closed_at is not null`);
  await db.execute(sql`insert into incidents (ref, client_key, category, status, reporter_person_id, team_id, town_id, shift_id, description, created_at, verdict, verdict_at)
    select 'NH-2027-' || lpad(s.id::text, 6, '0'), 'bench-' || s.id,
      (array['tip','hazard','assistance','dispute','suspicious','hazard'])[(s.team_id + extract(day from s.night)::int) / 4 % 6 + 1]::incident_category,
      'resolved', a.person_id, s.team_id, c.town_id, s.id, 'bench', s.starts_at + interval '1 hour',
      case when s.team_id % 3 = 0 and (s.team_id + extract(day from s.night)::int) / 4 % 6 = 0 then 'useful'::tip_verdict end,
      case when s.team_id % 3 = 0 and (s.team_id + extract(day from s.night)::int) / 4 % 6 = 0 then s.ends_at end
    from shifts s join teams t on t.id = s.team_id join communities c on c.id = t.community_id
    cross join lateral (select person_id from assignments where shift_id = s.id order by id limit 1) a
    where ${week} and (s.team_id + extract(day from s.night)::int) % 4 = 0`);
  await db.execute(sql`analyze`);
}

runBench(async () => {
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  const logger = pino({ level: "silent" });
  try {
    const before = shiftWindow("2027-05-02", "08:00", "09:00", TZ).startsAt;
    const { coordinators } = await seedDistrict(db, NANHU, before);
    const ctx = { db, actor: { type: "person" as const, personId: coordinators[0]! }, now: before, logger };
    await addSpecialDay(ctx, { night: "2027-05-08", kind: "social_patrol_day", name: "社会化大巡防日" });
    const [planned, planMs] = await timed(() => generateShifts({ ...ctx, actor: { type: "system", job: "bench" } }, { from: MONDAY, days: 7, timeZone: TZ, defaultWeeklyCap: 2, reminders: testPolicy.reminders }));
    await playWeek(db);

    const monday = shiftWindow("2027-05-10", "08:00", "09:00", TZ).startsAt;
    const settings = { timeZone: TZ, weeklyAt: { weekday: 1, time: "08:00" }, weights: DEFAULT_WEIGHTS };
    const [data, weekMs] = await timed(() => loadWeek(db, MONDAY, monday, settings));
    const [, nightMs] = await timed(() => teamFigures(db, { from: "2027-05-05", to: "2027-05-05", asOf: monday }, TZ));
    const review = composeReview(data, { kind: "district" });
    const renderer = createRenderer(createI18n("zh"), "zh", TZ);
    const text = (ref: Parameters<typeof renderer.text>[0]) => renderer.text(ref, args.locale!);
    const [png, chartMs] = await timed(() => chartPng(review.chart, text));
    if (args.chart) writeFileSync(args.chart, png);
    console.log(renderer.text(review.text, args.locale!));
    console.log(
      JSON.stringify(
        {
          store: database.kind,
          plan: { shifts: planned.shiftsCreated, assignments: planned.assignmentsCreated, seconds: round(planMs / 1000) },
          weekFiguresAndRankingMs: Math.round(weekMs),
          nightFiguresMs: Math.round(nightMs),
          chart: { ms: Math.round(chartMs), bytes: png.length },
          csvBytes: tableCsv(review.table, text).length,
          ranked: data.ranking.size,
          peakRssMiB: rss.peakMiB(),
        },
        null,
        2,
      ),
    );
  } finally {
    await drop();
  }
});

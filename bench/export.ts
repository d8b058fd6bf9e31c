/**
 * A district-wide month of exports: 106 teams, 30 nights, 10 people on each shift (31,800
 * attendance rows), every shift with a short duty log, a few reports a night.
 *
 *   npx tsx bench/export.ts
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/export.ts
 *   NIGHTS=365 npx tsx bench/export.ts          # a year
 *   FORMAT=xlsx NIGHTS=19 npx tsx bench/export.ts   # Excel workbooks; 19 nights are ~20,000 attendance rows
 *
 * Seeds set-based, then reads each kind's CSV to the end (as the CLI writes it), and prints rows,
 * bytes, time and the peak RSS and heap, which must stay flat: the export holds a week of nights.
 * A workbook is built whole in memory (write-excel-file): for it the bench prints the RSS before
 * each kind and the process's high-water mark after it (with PostgreSQL, the app's memory alone).
 */
import { sql } from "drizzle-orm";
import { pino } from "pino";
import { CODE_LABELS, exportCsv, EXPORT_KIND_NAMES } from "../src/exports/export-csv.js";
import { exportXlsx } from "../src/exports/export-xlsx.js";
import { NANHU, seedDistrict } from "./district.js";
import { round, rss, runBench, timed } from "./measure.js";
import { openScratchDatabase } from "./scratch-database.js";

const TZ = "Asia/Shanghai";
const FIRST = "2027-06-01";
const NIGHTS = Number(process.env.NIGHTS ?? 30);
const PER_SHIFT = 10;
const FORMAT = process.env.FORMAT === "xlsx" ? "xlsx" : "csv";
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

runBench(async () => {
  const { database, drop } = await openScratchDatabase();
  const { db } = database;
  try {
    const now = new Date("2027-07-01T04:00:00Z");
    const [, seedMs] = await timed(async () => {
      await seedDistrict(db, NANHU, now);
      await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, leader_person_id, log_closed_at, created_at)
        select d.id, d.team_id, n::date, (n::date + time '20:00') at time zone ${TZ}, (n::date + interval '1 day') at time zone ${TZ}, ${PER_SHIFT}::int,
               (select person_id from role_grants where role = 'leader' and team_id = d.team_id limit 1), (n::date + time '23:50') at time zone ${TZ}, ${now.toISOString()}::timestamptz
        from duties d cross join generate_series(${FIRST}::date, ${FIRST}::date + ${NIGHTS - 1}::int, interval '1 day') n`);
      // Fourteen members of each team take turns, ten a night.
      await db.execute(sql`insert into assignments (shift_id, person_id, night, source, reply, checked_in_at, checked_out_at, created_at)
        select s.id, m.person_id, s.night, 'rota', 'coming', s.starts_at - interval '5 minutes', s.ends_at - interval '10 minutes', ${now.toISOString()}::timestamptz
        from shifts s join (select person_id, team_id, row_number() over (partition by team_id order by person_id) as i from memberships) m on m.team_id = s.team_id
        where m.i <= 14 and (m.i + (s.night - ${FIRST}::date)) % 14 < ${PER_SHIFT}::int`);
      await db.execute(sql`insert into duty_log_entries (shift_id, author_id, chat_id, message_id, kind, text, created_at)
        select id, leader_person_id, 1, id, 'text', '4人巡逻，发现隐患1处，帮助群众2人', ends_at - interval '15 minutes' from shifts`);
      await db.execute(sql`insert into duty_log_counts (shift_id, on_patrol, hazards, helped, confirmed_at, updated_at) select id, 4, 1, 2, ends_at, ends_at from shifts`);
      await db.execute(sql`insert into incidents (ref, client_key, category, reporter_person_id, team_id, shift_id, description, created_at)
        select 'NH-2027-' || lpad(s.id::text, 6, '0'), 'bench-' || s.id, 'hazard', s.leader_person_id, s.team_id, s.id, '路灯坏了', s.starts_at + interval '1 hour'
        from shifts s where s.id % 3 = 0`);
      await db.execute(sql`analyze`);
    });
    const logger = pino({ level: "silent" });
    const ctx = { db, actor: { type: "system", job: "bench" } as const, now, logger };
    const last = new Date(Date.UTC(2027, 5, NIGHTS)).toISOString().slice(0, 10);
    const results: Record<string, unknown> = { seedSeconds: round(seedMs / 1000), rssAfterSeedMiB: rss.peakMiB() };
    for (const kind of EXPORT_KIND_NAMES) {
      if (FORMAT === "xlsx") {
        const rssBeforeMiB = mib(process.memoryUsage.rss());
        const [file, ms] = await timed(() => exportXlsx(ctx, { kind, from: FIRST, to: last }, TZ, CODE_LABELS));
        const highWaterMiB = Math.round(process.resourceUsage().maxRSS / 1024);
        results[kind] = { rows: file.rowCount, MiB: round(file.bytes.length / 1024 / 1024), seconds: round(ms / 1000), rssBeforeMiB, highWaterMiB };
        continue;
      }
      let bytes = 0;
      let heapPeak = 0;
      const [rows, ms] = await timed(async () => {
        const result = await exportCsv(ctx, { kind, from: FIRST, to: last }, TZ, CODE_LABELS);
        for await (const chunk of result.csv) {
          bytes += Buffer.byteLength(chunk as string);
          heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
          rss.sample();
        }
        return result.rowCount();
      });
      results[kind] = { rows, MiB: round(bytes / 1024 / 1024), seconds: round(ms / 1000), rowsPerSecond: Math.round(rows / (ms / 1000)), heapPeakMiB: Math.round(heapPeak / 1024 / 1024) };
    }
    results.peakRssMiB = rss.peakMiB();
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await drop();
  }
});

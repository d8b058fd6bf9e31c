import { sql } from "drizzle-orm";
import { addDays } from "../src/shifts/night.js";
import type { Db } from "../src/storage/db.js";

/**
 * A seeded district's past (see `seedDistrict`), set-based: one shift a night per team for
 * `nights` nights before `today`, four members a night walking round the team, all checked in
 * and out, and their reminders handled. A year of it is what an instance holds after a season,
 * so the queries the benches time read real-sized tables and indexes.
 */
export async function seedHistory(db: Db, today: string, nights: number, timeZone: string): Promise<void> {
  const first = sql`${addDays(today, -nights)}::date`;
  await db.execute(sql`insert into shifts (duty_id, team_id, night, starts_at, ends_at, required, created_at)
    select d.id, d.team_id, ${first} + k, (${first} + k + time '20:00') at time zone ${timeZone}, (${first} + k + 1)::timestamp at time zone ${timeZone}, 4,
      (${first} + k - 14)::timestamp at time zone ${timeZone}
    from duties d cross join generate_series(0, ${nights - 1}::int) k`);
  await db.execute(sql`with sizes as (select team_id, count(*)::int as n from memberships group by team_id),
      ranked as (select person_id, team_id, (row_number() over (partition by team_id order by person_id) - 1)::int as i from memberships),
      wanted as (select s.id, s.team_id, s.night, s.starts_at, s.ends_at, ((s.night - ${first}) * 4 + slot) % z.n as i
        from shifts s join sizes z on z.team_id = s.team_id cross join generate_series(0, 3) slot
        where s.night < ${today}::date)
    insert into assignments (shift_id, person_id, night, source, reply, replied_at, checked_in_at, checked_out_at, created_at)
    select w.id, r.person_id, w.night, 'rota', 'coming', w.starts_at - interval '20 hours', w.starts_at + interval '2 minutes', w.ends_at, w.starts_at - interval '14 days'
    from wanted w join ranked r on r.team_id = w.team_id and r.i = w.i`);
  await db.execute(sql`insert into reminders (assignment_id, kind, due_at, status, handled_at, skip_reason)
    select a.id, k.kind::reminder_kind, s.starts_at - k.lead * interval '1 minute', k.status::reminder_status, s.starts_at - k.lead * interval '1 minute',
      case when k.status = 'skipped' then 'already answered' end
    from assignments a join shifts s on s.id = a.shift_id
    cross join (values ('ask', 1440, 'sent'), ('nudge', 120, 'skipped'), ('checkin', 15, 'sent')) k(kind, lead, status)
    where s.night < ${today}::date`);
  // PostgreSQL's autovacuum would have analysed these rows long ago; PGlite has none.
  await db.execute(sql`analyze`);
}
